import { randomBytes, randomUUID } from 'node:crypto';
import {
  devicePass,
  readDevicePass,
  readSigningToken,
  signingToken,
  signingWindow,
} from './signing-link';

describe('signing links', () => {
  const key = randomBytes(32);
  const subject = { halfDayId: randomUUID(), attendeeId: randomUUID() };

  it('names the half-day and trainee it was made for, the same each time', () => {
    const token = signingToken(key, subject);
    expect(token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(signingToken(key, subject)).toBe(token);
    expect(readSigningToken(key, token)).toEqual(subject);
  });

  it('refuses a link altered by one character, made with another key, or malformed', () => {
    const token = signingToken(key, subject);
    const altered = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    expect(readSigningToken(key, altered)).toBeNull();
    expect(readSigningToken(randomBytes(32), token)).toBeNull();
    expect(readSigningToken(key, 'short')).toBeNull();
    expect(readSigningToken(key, `${token.slice(0, 63)}!`)).toBeNull();
  });

  it('does not take a device pass for a link, nor the reverse', () => {
    const pass = devicePass(key, subject.halfDayId, subject.attendeeId);
    expect(readSigningToken(key, pass)).toBeNull();
    expect(readDevicePass(key, signingToken(key, subject))).toBeNull();
    expect(readDevicePass(key, pass)).toEqual({
      sessionId: subject.halfDayId,
      attendeeId: subject.attendeeId,
    });
  });

  it('opens the margin before the half-day and closes the margin after', () => {
    const window = signingWindow(
      { startsAt: new Date('2026-12-07T08:00:00Z'), endsAt: new Date('2026-12-07T11:30:00Z') },
      30,
    );
    expect(window.opensAt.toISOString()).toBe('2026-12-07T07:30:00.000Z');
    expect(window.closesAt.toISOString()).toBe('2026-12-07T12:00:00.000Z');
  });
});
