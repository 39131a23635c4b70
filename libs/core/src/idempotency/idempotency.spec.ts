import { requestHash } from './idempotency.service';

describe('requestHash', () => {
  it('ignores the order of fields but not their values', () => {
    expect(requestHash({ a: 1, b: [{ x: 'y', z: 2 }] })).toBe(
      requestHash({ b: [{ z: 2, x: 'y' }], a: 1 }),
    );
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
    expect(requestHash({ list: [1, 2] })).not.toBe(requestHash({ list: [2, 1] }));
  });
});
