import { randomBytes, randomInt } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { uniqueEmail, validSiret } from '@mutualis/testing';
import { enrolTwoFactor, nextTotpCode } from './two-factor';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
  accessToken: string;
  refreshToken: string;
}

/**
 * Registers a user through the api, marks their address verified (the link's secret exists
 * only in the e-mail, so tests of other features skip it; test/identity/account-lifecycle
 * follows the real link) and logs them in.
 */
export async function registerAndLogIn(app: INestApplication, label = 'user'): Promise<TestUser> {
  const user = await registerUnverifiedAndLogIn(app, label);
  await app
    .get(DataSource)
    .query(`UPDATE users SET email_verified_at = now() WHERE id = $1`, [user.id]);
  return user;
}

/** Registers a user through the api and logs them in, their address still unverified. */
export async function registerUnverifiedAndLogIn(
  app: INestApplication,
  label = 'user',
): Promise<TestUser> {
  const email = uniqueEmail(label);
  await request(app.getHttpServer())
    .post('/api/auth/register')
    .send({ email, password: TEST_PASSWORD, name: `Test ${label}` })
    .expect(202);
  const tokens = await logIn(app, email);
  const me = await request(app.getHttpServer())
    .get('/api/me')
    .auth(tokens.accessToken, { type: 'bearer' })
    .expect(200);
  return { id: me.body.id as string, email, ...tokens };
}

export async function logIn(
  app: INestApplication,
  email: string,
  password = TEST_PASSWORD,
): Promise<{ accessToken: string; refreshToken: string }> {
  let response = await request(app.getHttpServer())
    .post('/api/auth/login')
    .send({ email, password })
    .expect(200);
  if (response.body.mfaRequired) {
    // Two-factor authentication is on (enrolTwoFactor): answer with the next code.
    response = await request(app.getHttpServer())
      .post('/api/auth/login/mfa')
      .send({ mfaToken: response.body.mfaToken, code: await nextTotpCode(email) })
      .expect(200);
  }
  return { accessToken: response.body.accessToken, refreshToken: response.body.refreshToken };
}

/**
 * Gives a user platform roles (re-read from the database on every request); admins and finance
 * staff are also enrolled in two-factor authentication through the api, as their roles require.
 */
export async function grantPlatformRoles(
  app: INestApplication,
  user: { id: string; email: string; accessToken: string },
  roles: string[],
): Promise<void> {
  const db = app.get(DataSource);
  await db.query('UPDATE users SET platform_roles = $2 WHERE id = $1', [user.id, roles]);
  const needed = roles.some((role) => TWO_FACTOR_ROLES.includes(role));
  if (!needed) return;
  const [enrolled] = await db.query<unknown[]>(
    'SELECT 1 FROM user_totp WHERE user_id = $1 AND enabled_at IS NOT NULL',
    [user.id],
  );
  if (!enrolled) await enrolTwoFactor(app, user);
}

const TWO_FACTOR_ROLES = ['admin', 'finance'];

/** A valid organisation body for POST /api/organisations; override any field. */
export function organisationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    legalName: `Association test ${randomBytes(3).toString('hex')}`,
    legalForm: 'association',
    siret: validSiret(),
    // RNA numbers are unique like SIRETs: each organisation its own.
    rna: `W13${String(randomInt(0, 10_000_000)).padStart(7, '0')}`,
    address: { line1: '1 place Bargemon', postalCode: '13002', city: 'Marseille' },
    billingEmail: uniqueEmail('billing'),
    ...overrides,
  };
}

/** Creates an organisation owned (org_admin) by the user; returns its id. */
export async function createOrganisation(
  app: INestApplication,
  owner: TestUser,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const response = await request(app.getHttpServer())
    .post('/api/organisations')
    .auth(owner.accessToken, { type: 'bearer' })
    .send(organisationBody(overrides))
    .expect(201);
  return response.body.id as string;
}

/** Registers a user and gives them platform roles (re-read from the database on every request). */
export async function userWithRoles(
  app: INestApplication,
  label: string,
  roles: string[],
): Promise<TestUser> {
  const user = await registerAndLogIn(app, label);
  if (roles.length > 0) await grantPlatformRoles(app, user, roles);
  return user;
}
