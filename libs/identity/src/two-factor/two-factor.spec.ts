import { ConfigService } from '@nestjs/config';
import { Secret, TOTP } from 'otpauth';
import { Environment } from '@mutualis/core';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes';
import { SecretCipher } from './secret-cipher';
import { matchTotpStep, newTotpSecret, totpUri } from './totp';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const STEP = 59_000_000; // some 30-second step in 2026
const at = (step: number, offsetMs = 0) => new Date(step * 30_000 + offsetMs);
// An independent generator (RFC 6238's defaults) stands in for the phone's app.
const codeAt = (step: number) =>
  new TOTP({ secret: Secret.fromBase32(SECRET) }).generate({ timestamp: step * 30_000 });

describe('TOTP codes', () => {
  it('accepts the code of the current step and of the steps either side (clock drift), no further', () => {
    expect(matchTotpStep(SECRET, codeAt(STEP), at(STEP, 10_000), null)).toBe(STEP);
    expect(matchTotpStep(SECRET, codeAt(STEP - 1), at(STEP), null)).toBe(STEP - 1);
    expect(matchTotpStep(SECRET, codeAt(STEP + 1), at(STEP), null)).toBe(STEP + 1);
    expect(matchTotpStep(SECRET, codeAt(STEP - 2), at(STEP), null)).toBeNull();
    expect(matchTotpStep(SECRET, codeAt(STEP + 2), at(STEP), null)).toBeNull();
  });

  it('refuses a code of a step already used, or older, so a code works once', () => {
    expect(matchTotpStep(SECRET, codeAt(STEP), at(STEP), STEP)).toBeNull();
    expect(matchTotpStep(SECRET, codeAt(STEP - 1), at(STEP), STEP)).toBeNull();
    expect(matchTotpStep(SECRET, codeAt(STEP + 1), at(STEP), STEP)).toBe(STEP + 1);
  });

  it('forgives spaces but nothing else that is not six digits', () => {
    const code = codeAt(STEP);
    expect(matchTotpStep(SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, at(STEP), null)).toBe(
      STEP,
    );
    for (const bad of ['', '12345', '1234567', 'abcdef', `${code}\u0000`]) {
      expect(matchTotpStep(SECRET, bad, at(STEP), null)).toBeNull();
    }
  });

  it('makes 160-bit secrets and the otpauth URI authenticator apps read', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    expect(totpUri(SECRET, 'camille@exemple.fr')).toBe(
      `otpauth://totp/Mutualis:camille%40exemple.fr?issuer=Mutualis&secret=${SECRET}&algorithm=SHA1&digits=6&period=30`,
    );
  });
});

describe('recovery codes', () => {
  it('makes ten different codes of an unambiguous alphabet', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });

  it('hashes a code the same however it is typed back (case, spaces, dashes), and different codes differently', () => {
    const hash = hashRecoveryCode('k7m2p-x9qrt');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(' K7M2P X9QRT ')).toBe(hash);
    expect(hashRecoveryCode('k7m2px9qrt')).toBe(hash);
    expect(hashRecoveryCode('k7m2p-x9qrs')).not.toBe(hash);
  });
});

describe('SecretCipher', () => {
  const cipherWith = (key: Buffer) =>
    new SecretCipher({
      get: () => key.toString('base64'),
    } as unknown as ConfigService<Environment, true>);
  const cipher = cipherWith(Buffer.alloc(32, 1));

  it('round-trips a secret, with a fresh IV each time', () => {
    const first = cipher.encrypt(SECRET, 'user-1');
    expect(first).toMatch(/^v1:/);
    expect(first).not.toContain(SECRET);
    expect(cipher.encrypt(SECRET, 'user-1')).not.toBe(first);
    expect(cipher.decrypt(first, 'user-1')).toBe(SECRET);
  });

  it('refuses a ciphertext moved to another user, altered, or made under another key', () => {
    const stored = cipher.encrypt(SECRET, 'user-1');
    expect(() => cipher.decrypt(stored, 'user-2')).toThrow();
    const bytes = Buffer.from(stored.slice(3), 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => cipher.decrypt(`v1:${bytes.toString('base64')}`, 'user-1')).toThrow();
    expect(() => cipherWith(Buffer.alloc(32, 2)).decrypt(stored, 'user-1')).toThrow();
    expect(() => cipher.decrypt('plain', 'user-1')).toThrow();
  });
});
