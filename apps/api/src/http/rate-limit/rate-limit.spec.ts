import { clientAddressKey } from './rate-limit';

describe('clientAddressKey', () => {
  it('keys an IPv4 address (also IPv4-mapped) by itself', () => {
    expect(clientAddressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('keys IPv6 addresses by their /64, however they are written', () => {
    const key = clientAddressKey('2001:db8:0:1:aaaa:bbbb:cccc:dddd');
    expect(key).toBe('2001:db8:0:1::/64');
    expect(clientAddressKey('2001:0db8:0000:0001::1')).toBe(key);
    expect(clientAddressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
  });

  it('keys a missing address as empty', () => {
    expect(clientAddressKey(undefined)).toBe('');
  });
});
