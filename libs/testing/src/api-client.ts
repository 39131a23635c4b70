import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { validSiret } from './siret.factory';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
  accessToken: string;
  refreshToken: string;
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(5).toString('hex')}@test.mutualis.fr`;
}

/** Registers a user through the api and logs them in. */
export async function registerAndLogIn(app: INestApplication, label = 'user'): Promise<TestUser> {
  const email = uniqueEmail(label);
  const registered = await request(app.getHttpServer())
    .post('/api/auth/register')
    .send({ email, password: TEST_PASSWORD, name: `Test ${label}` })
    .expect(201);
  const tokens = await logIn(app, email);
  return { id: registered.body.id, email, ...tokens };
}

export async function logIn(
  app: INestApplication,
  email: string,
  password = TEST_PASSWORD,
): Promise<{ accessToken: string; refreshToken: string }> {
  const response = await request(app.getHttpServer())
    .post('/api/auth/login')
    .send({ email, password })
    .expect(200);
  return { accessToken: response.body.accessToken, refreshToken: response.body.refreshToken };
}

/** A valid organisation body for POST /api/organisations; override any field. */
export function organisationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    legalName: `Association test ${randomBytes(3).toString('hex')}`,
    legalForm: 'association',
    siret: validSiret(),
    rna: 'W133012345',
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
