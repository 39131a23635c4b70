import { randomInt } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { TestUser } from '../support/api-client';
import { expectStatus } from '../support/expectations';
import { sql } from '../support/test-app';
import { completeTrainingPedagogy } from '@mutualis/testing';

/** Helpers shared by the catalogue end-to-end specs (this folder only). */

export const bearer = { type: 'bearer' } as const;
export const DAY_MS = 86_400_000;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/**
 * A word no other test file uses, made of consonants only so that French stemming leaves it
 * whole and no accidental French word appears (`zqbkxt…`).
 */
export function uniqueWord(prefix = 'zq'): string {
  const letters = 'bcdfghjkmnpqrstvwxz';
  let word = prefix;
  for (let index = 0; index < 9; index++) word += letters[randomInt(0, letters.length)];
  return word;
}

/** The calendar year of an instant in Paris. */
export function parisYearOf(instant: Date): number {
  return Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric' }).format(instant),
  );
}

/** The calendar date (YYYY-MM-DD) of an instant in Paris. */
export function parisDateOf(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** Paris' UTC offset at an instant, as `+01:00` or `+02:00`. */
export function parisOffsetAt(instant: Date): string {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
      .formatToParts(instant)
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  return name.replace('GMT', '');
}

/** A Paris wall-clock time as an ISO 8601 instant with its offset (`2027-01-14T09:00:00+01:00`). */
export function parisLocal(date: string, time: string): string {
  for (const offset of ['+01:00', '+02:00']) {
    const candidate = `${date}T${time}:00${offset}`;
    if (parisOffsetAt(new Date(candidate)) === offset) return candidate;
  }
  throw new Error(`${date} ${time} does not exist in Paris`);
}

/** The Paris date `days` days from now. */
export function parisDateIn(days: number): string {
  return parisDateOf(new Date(Date.now() + days * DAY_MS));
}

/** `time` (Paris) on the day `days` days from now, as an instant with its offset. */
export function parisTimeIn(days: number, time = '09:00'): string {
  return parisLocal(parisDateIn(days), time);
}

/** Adds minutes to an instant; answers in UTC (`…Z`). */
export function plusMinutes(instant: string, minutes: number): string {
  return new Date(new Date(instant).getTime() + minutes * 60_000).toISOString();
}

export function iso(instant: string): string {
  return new Date(instant).toISOString();
}

export const currentParisYear = parisYearOf(new Date());

/** A valid body for POST /api/offerings (an on-site training); override any field. */
export function offeringBody(overrides: Json = {}): Json {
  return {
    title: `Formation ${uniqueWord('tt')}`,
    summary: 'Une journée pour les dirigeants bénévoles.',
    description: 'Programme de la journée.',
    categorySlug: 'formation',
    kind: 'training',
    deliveryMode: 'on_site',
    departments: ['13'],
    durationMinutes: 420,
    memberPriceCents: 18000,
    nonMemberPriceCents: 26000,
    pedagogy: completeTrainingPedagogy() as Json,
    ...overrides,
  };
}

/** A valid body for a consultation offering (remote, one hour). */
export function consultationBody(overrides: Json = {}): Json {
  return offeringBody({
    title: `Consultation ${uniqueWord('tt')}`,
    categorySlug: 'juridique',
    kind: 'consultation',
    deliveryMode: 'remote',
    durationMinutes: 60,
    memberPriceCents: 9000,
    nonMemberPriceCents: 12000,
    pedagogy: null,
    ...overrides,
  });
}

/** Calls to the catalogue routes, each checking it succeeded and returning the body. */
export function catalogue(app: INestApplication) {
  const api = () => request(app.getHttpServer());

  async function createOffering(owner: TestUser, overrides: Json = {}): Promise<Json> {
    const response = await api()
      .post('/api/offerings')
      .auth(owner.accessToken, bearer)
      .send(offeringBody(overrides));
    expectStatus(response, 201);
    return response.body as Json;
  }

  async function act(
    user: TestUser,
    offeringId: string,
    action: 'submit' | 'publish' | 'archive',
  ): Promise<Json> {
    const response = await api()
      .post(`/api/offerings/${offeringId}/${action}`)
      .auth(user.accessToken, bearer);
    expectStatus(response, 200);
    return response.body as Json;
  }

  async function reject(admin: TestUser, offeringId: string, reason: string): Promise<Json> {
    const response = await api()
      .post(`/api/offerings/${offeringId}/reject`)
      .auth(admin.accessToken, bearer)
      .send({ reason });
    expectStatus(response, 200);
    return response.body as Json;
  }

  /** Drafts, submits (owner) and publishes (admin) an offering. */
  async function publishedOffering(
    owner: TestUser,
    admin: TestUser,
    overrides: Json = {},
  ): Promise<Json> {
    const created = await createOffering(owner, overrides);
    await act(owner, created.id, 'submit');
    return act(admin, created.id, 'publish');
  }

  async function schedule(user: TestUser, offeringId: string, body: Json): Promise<Json> {
    const response = await api()
      .post(`/api/offerings/${offeringId}/sessions`)
      .auth(user.accessToken, bearer)
      .send(body);
    expectStatus(response, 201);
    return response.body as Json;
  }

  async function openSlots(user: TestUser, offeringId: string, body: Json): Promise<Json[]> {
    const response = await api()
      .post(`/api/offerings/${offeringId}/slots`)
      .auth(user.accessToken, bearer)
      .send(body);
    expectStatus(response, 201);
    return response.body as Json[];
  }

  async function statusOf(offeringId: string): Promise<string> {
    const rows = await sql<{ status: string }[]>(
      app,
      'SELECT status FROM offerings WHERE id = $1',
      [offeringId],
    );
    return rows[0].status;
  }

  return { api, createOffering, act, reject, publishedOffering, schedule, openSlots, statusOf };
}
