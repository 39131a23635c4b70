import { INestApplication } from '@nestjs/common';
import { Secret, TOTP } from 'otpauth';
import request from 'supertest';

/**
 * Test helpers for two-factor authentication, going through the real routes: enrolment with a
 * code computed from the secret the api answers, and sign-ins that answer the code step.
 */

const PERIOD_MS = 30_000;

interface KnownSecret {
  secret: string;
  /** The last time step a code was sent for: the api accepts each step once. */
  lastStep: number;
}

// Secrets of the users the tests enrolled, by lower-cased e-mail, for their later sign-ins.
const secrets = new Map<string, KnownSecret>();

export function totpFor(secret: string): TOTP {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
}

/** The code of a time step (Math.floor(ms / 30 s)). */
export function totpCodeAt(secret: string, step: number): string {
  return totpFor(secret).generate({ timestamp: step * PERIOD_MS });
}

/**
 * A code the api will accept now for this secret: the current step's, or the next one's (the api
 * accepts one step either way) when the current one was used; waits for a new step otherwise.
 */
export async function freshTotpCode(
  secret: string,
  lastStep = -1,
): Promise<{ code: string; step: number }> {
  for (;;) {
    const now = Date.now();
    const current = Math.floor(now / PERIOD_MS);
    const step = Math.max(current, lastStep + 1);
    if (step <= current + 1) return { code: totpCodeAt(secret, step), step };
    await new Promise((resolve) => setTimeout(resolve, PERIOD_MS - (now % PERIOD_MS) + 50));
  }
}

/** Remembers a secret (say, the demo's) so that logIn can answer the code step for that e-mail. */
export function rememberTotpSecret(email: string, secret: string): void {
  secrets.set(email.toLowerCase(), {
    secret,
    lastStep: secrets.get(email.toLowerCase())?.lastStep ?? -1,
  });
}

/** The next acceptable code for an e-mail whose secret the tests know, recording its step as used. */
export async function nextTotpCode(email: string): Promise<string> {
  const known = secrets.get(email.toLowerCase());
  if (!known) throw new Error(`no TOTP secret known for ${email}: enrol them with enrolTwoFactor`);
  const { code, step } = await freshTotpCode(known.secret, known.lastStep);
  known.lastStep = step;
  return code;
}

export interface Enrolled {
  secret: string;
  recoveryCodes: string[];
}

/** Turns two-factor authentication on for a signed-in user through the api (start, then confirm). */
export async function enrolTwoFactor(
  app: INestApplication,
  user: { email: string; accessToken: string },
): Promise<Enrolled> {
  const started = await request(app.getHttpServer())
    .post('/api/me/two-factor/enrolment')
    .auth(user.accessToken, { type: 'bearer' })
    .expect(201);
  const secret = started.body.secret as string;
  rememberTotpSecret(user.email, secret);
  const confirmed = await request(app.getHttpServer())
    .post('/api/me/two-factor/enrolment/confirm')
    .auth(user.accessToken, { type: 'bearer' })
    .send({ code: await nextTotpCode(user.email) })
    .expect(200);
  return { secret, recoveryCodes: confirmed.body.recoveryCodes as string[] };
}
