import { randomUUID } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import request, { Response, Test } from 'supertest';
import { configureChambre, insertPublishedSession, StripeStandIn } from '@mutualis/testing';
import { DataSource } from 'typeorm';
import {
  createOrganisation,
  logIn,
  registerAndLogIn,
  TestUser,
  grantPlatformRoles,
} from '../support/api-client';
import { createTestApp } from '../support/test-app';
import { deliverStripeEvent } from '../support/stripe-webhook';

/*
 * The hostile fuzz of the security review, as a test: every route of the api's own OpenAPI
 * document, for an anonymous caller, an organisation's admin and a Chambre admin, receives
 * malformed and deeply nested JSON, NUL characters in strings, the query and the path, huge
 * strings in every string field, a wrong type in every field, and bad path parameters. No
 * answer may be a 5xx, and every error must be problem+json. The document is read at run time,
 * so a route added later is fuzzed without touching this file.
 *
 * Bounded: each body field gets a huge string, null and a wrong type per caller (rotated, so
 * the callers together try three), each query parameter four bad values, each path parameter
 * three; requests run four at a time.
 */

type Json = Record<string, unknown>;
interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  minLength?: number;
  minItems?: number;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** One request to send: a description for the report and how to build it. */
interface Probe {
  mutation: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body?: { type: string; data: string | Buffer } | { multipart: (call: Test) => Test };
}

interface Caller {
  name: 'anonymous' | 'member' | 'admin';
  user: TestUser | null;
  /** Rotates the wrong types and bad values each caller tries. */
  offset: number;
}

const HUGE_STRING = 'Grande chaîne €'.repeat(6_000); // 108 KB of UTF-8
const LONG_QUERY_VALUE = 'é'.repeat(2_000); // 4 KB, then percent-encoded to 12 KB: within Node's 16 KB header limit
const WRONG_FOR_STRING: unknown[] = [12345, ['a', 'b'], { a: 'b' }, null, true, 1.5e308];
const WRONG_FOR_NUMBER: unknown[] = ['12', 'douze', [1], { n: 1 }, null, true, 1e308, -1, 0.5];
const WRONG_FOR_BOOLEAN: unknown[] = ['true', 1, null, [true], { b: true }, 'non'];
const WRONG_FOR_ARRAY: unknown[] = ['a', { 0: 'a' }, null, 3, [null], [[[]]]];
const WRONG_FOR_OBJECT: unknown[] = ['a', [{}], null, 7, false, { ['__proto__']: { x: 1 } }];
const BAD_QUERY_VALUES = [
  LONG_QUERY_VALUE,
  '-99999999999999999999999',
  '%F0%9F%98%80%E2%80%AE%EF%BF%BF',
  '1e309',
  '%ED%A0%80',
  "'; DROP TABLE users; --",
];
const BAD_PATH_VALUES = [
  'not-a-uuid',
  'abc%00def',
  'a'.repeat(5_000),
  '%F0%9F%98%80',
  '00000000-0000-0000-0000-000000000000',
  '..%2F..%2Fetc%2Fpasswd',
  '-1',
];

/** A JSON body nested deeper than the api accepts, small enough to pass the size limit. */
const DEEP_JSON = '{"a":'.repeat(64) + '1' + '}'.repeat(64);

const CONCURRENCY = 4;
/** Routes that may end the caller's session or change its credentials when a body is accepted. */
const ENDS_SESSIONS =
  /^(POST \/api\/auth\/logout|\w+ \/api\/me\/(sessions|password|email)|DELETE \/api\/me$)/;

describe('hostile fuzz of every OpenAPI route', () => {
  let app: NestExpressApplication;
  let stripe: StripeStandIn;
  let db: DataSource;
  let document: OpenApi;
  const callers: Caller[] = [];
  /** Real ids for path parameters, so mutated bodies reach the code behind the guards. */
  const knownIds: Record<string, string> = {};
  let requests = 0;
  const failures: string[] = [];

  const resolve = (schema: Schema | undefined, depth = 0): Schema => {
    let current = schema ?? {};
    for (let hop = 0; current.$ref && hop < 10; hop++) {
      current = document.components.schemas[current.$ref.split('/').pop()!] ?? {};
    }
    const combined = current.allOf ?? current.oneOf ?? current.anyOf;
    if (combined && combined.length > 0 && depth < 5) {
      return {
        ...resolve(combined[0], depth + 1),
        ...current,
        allOf: undefined,
        oneOf: undefined,
        anyOf: undefined,
      };
    }
    return current;
  };

  /** A plausible value for a schema: its example, first enum value, or one shaped by its type. */
  function sample(raw: Schema | undefined, depth = 0): unknown {
    const schema = resolve(raw);
    if (schema.example !== undefined) return schema.example;
    if (schema.enum && schema.enum.length > 0) return schema.enum[0];
    if (schema.default !== undefined) return schema.default;
    if (schema.type === 'object' || schema.properties) {
      if (depth > 6) return {};
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, value]) => [
          key,
          sample(value, depth + 1),
        ]),
      );
    }
    if (schema.type === 'array') return depth > 6 ? [] : [sample(schema.items, depth + 1)];
    if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
    if (schema.type === 'boolean') return false;
    switch (schema.format) {
      case 'uuid':
        return randomUUID();
      case 'email':
        return `fuzz-${randomUUID()}@test.mutualis.fr`;
      case 'date-time':
        return new Date(Date.now() + 40 * 86_400_000).toISOString();
      case 'date':
        return '2031-01-15';
      case 'binary':
        return 'binary';
    }
    return 'x'.repeat(Math.max(schema.minLength ?? 0, 5));
  }

  /** Every field of a body, nested objects and first array items included, with its schema. */
  function leaves(raw: Schema | undefined, prefix: (string | number)[] = [], depth = 0) {
    const schema = resolve(raw);
    const found: { path: (string | number)[]; schema: Schema }[] = [];
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      const resolved = resolve(child);
      const path = [...prefix, key];
      found.push({ path, schema: resolved });
      if (depth < 3) {
        if (resolved.properties) found.push(...leaves(resolved, path, depth + 1));
        if (resolved.type === 'array' && resolve(resolved.items).properties) {
          found.push(...leaves(resolved.items, [...path, 0], depth + 1));
        }
      }
    }
    return found;
  }

  function withValue(base: unknown, path: (string | number)[], value: unknown): unknown {
    const copy = structuredClone(base) as Json;
    let target = copy as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) {
      if (typeof target[step] !== 'object' || target[step] === null) target[step] = {};
      target = target[step] as Record<string | number, unknown>;
    }
    target[path[path.length - 1]] = value;
    return copy;
  }

  function wrongTypesFor(schema: Schema): unknown[] {
    if (schema.type === 'integer' || schema.type === 'number') return WRONG_FOR_NUMBER;
    if (schema.type === 'boolean') return WRONG_FOR_BOOLEAN;
    if (schema.type === 'array') return WRONG_FOR_ARRAY;
    if (schema.type === 'object' || schema.properties) return WRONG_FOR_OBJECT;
    return WRONG_FOR_STRING;
  }

  /** Every string of a value with a NUL appended, keys untouched. */
  function withNul(value: unknown): unknown {
    if (typeof value === 'string') return `${value}\u0000`;
    if (Array.isArray(value)) return value.map(withNul);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withNul(item)]));
    }
    return value;
  }

  function idFor(path: string, name: string): string {
    if (name === 'year') return String(new Date().getFullYear());
    if (name === 'userId') return knownIds.user;
    if (name !== 'id') return knownIds[name] ?? randomUUID();
    const resource = path.split('/')[2];
    return knownIds[resource] ?? randomUUID();
  }

  const json = (value: unknown) => ({ type: 'application/json', data: JSON.stringify(value) });

  /** The probes of one operation for one caller. */
  function probesOf(caller: Caller, template: string, operation: Operation): Probe[] {
    const parameters = (operation.parameters ?? []).map((parameter) => ({
      ...parameter,
      schema: resolve(parameter.schema),
    }));
    const pathParameters = parameters.filter((parameter) => parameter.in === 'path');
    const queryParameters = parameters.filter((parameter) => parameter.in === 'query');
    const headerParameters = parameters.filter((parameter) => parameter.in === 'header');
    const pathWith = (overrides: Record<string, string> = {}) =>
      template.replace(/\{(\w+)\}/g, (_, name: string) =>
        name in overrides ? overrides[name] : idFor(template, name),
      );
    const content = operation.requestBody?.content ?? {};
    const jsonSchema = content['application/json']?.schema;
    const pick = <T>(values: T[], index: number) => values[(caller.offset + index) % values.length];
    const probes: Probe[] = [];
    const path = pathWith();

    // Whatever the route takes: bodies the parser or the depth check must refuse, and NULs.
    probes.push({
      mutation: 'malformed JSON',
      path,
      body: { type: 'application/json', data: '{"a": [1, }' },
    });
    probes.push({
      mutation: 'deeply nested JSON',
      path,
      body: { type: 'application/json', data: DEEP_JSON },
    });
    probes.push({ mutation: 'JSON that is not an object', path, body: json(['a', 1, null]) });
    probes.push({ mutation: 'NUL in an unknown query parameter', path, query: 'x=%00' });
    probes.push({
      mutation: 'JSON body with a NUL key',
      path,
      body: { type: 'application/json', data: '{"a\\u0000":1}' },
    });

    pathParameters.forEach((parameter, index) => {
      for (const value of [
        pick(BAD_PATH_VALUES, index),
        pick(BAD_PATH_VALUES, index + 1),
        'x%00y',
      ]) {
        probes.push({
          mutation: `path ${parameter.name}=${value.slice(0, 40)}`,
          path: pathWith({ [parameter.name]: value }),
          ...(jsonSchema ? { body: json(sample(jsonSchema)) } : {}),
        });
      }
    });

    queryParameters.forEach((parameter, index) => {
      const name = encodeURIComponent(parameter.name);
      const values = [
        `${name}=${encodeURIComponent(LONG_QUERY_VALUE)}`,
        `${name}=${pick(BAD_QUERY_VALUES, index + 1)}`,
        `${name}=a&${name}=b`,
        `${name}[a]=b`,
      ];
      for (const query of values)
        probes.push({ mutation: `query ${query.slice(0, 60)}`, path, query });
    });

    headerParameters.forEach((parameter) => {
      for (const value of ['h'.repeat(8_000), ' ', 'é'.repeat(10)]) {
        probes.push({
          mutation: `header ${parameter.name} (${value.length} chars)`,
          path,
          headers: { [parameter.name]: Buffer.from(value, 'utf8').toString('latin1') },
          ...(jsonSchema ? { body: json(sample(jsonSchema)) } : {}),
        });
      }
    });

    if (jsonSchema) {
      const base = sample(jsonSchema);
      probes.push({ mutation: 'NUL in every string', path, body: json(withNul(base)) });
      probes.push({ mutation: 'the sample body', path, body: json(base) });
      probes.push({
        mutation: 'null body',
        path,
        body: { type: 'application/json', data: 'null' },
      });
      // The anonymous caller is stopped by the guard before validation: fewer probes for it.
      const fields = leaves(jsonSchema);
      fields.forEach((field, index) => {
        const label = field.path.join('.');
        if (caller.name !== 'anonymous' || index === 0) {
          if (field.schema.type === 'string' || field.schema.type === undefined) {
            probes.push({
              mutation: `huge string in ${label}`,
              path,
              body: json(withValue(base, field.path, HUGE_STRING)),
            });
          }
          if (field.schema.type === 'array' && caller.name === 'admin') {
            const item = sample(field.schema.items);
            probes.push({
              mutation: `5,000 items in ${label}`,
              path,
              body: json(withValue(base, field.path, Array(5_000).fill(item))),
            });
          }
        }
        // The guard stops the anonymous caller before validation, and the validation pipe is the
        // same for everyone: one wrong type per field for each caller, rotated so that together
        // they try several, and null for the admin, who passes every guard.
        if (caller.name === 'anonymous' && index > 0) return;
        const wrong = wrongTypesFor(field.schema).filter((value) => value !== null);
        const values: unknown[] = [pick(wrong, index)];
        // null in every field for the admin: "optional" used to let it through to NOT NULL columns.
        if (caller.name === 'admin') values.push(null);
        for (const value of values) {
          probes.push({
            mutation: `${JSON.stringify(value)?.slice(0, 30)} in ${label}`,
            path,
            body: json(withValue(base, field.path, value)),
          });
        }
      });
    }

    if (content['multipart/form-data']) {
      probes.push({
        mutation: 'multipart with a NUL and a huge file name',
        path,
        body: {
          multipart: (call) =>
            call.attach('file', Buffer.from('a;b\n1;2\n'), `${'n'.repeat(2_000)}\u0000.csv`),
        },
      });
      probes.push({
        mutation: 'multipart with the file as a text field and an unknown field',
        path,
        body: { multipart: (call) => call.field('file', 'not a file').field('other', 'x\u0000') },
      });
      probes.push({
        mutation: 'multipart with two files',
        path,
        body: {
          multipart: (call) =>
            call
              .attach('file', Buffer.from('a'), 'a.csv')
              .attach('file', Buffer.from('b'), 'b.csv'),
        },
      });
      probes.push({
        mutation: 'multipart with a huge text field',
        path,
        body: {
          multipart: (call) =>
            call.attach('file', Buffer.from('x'), 'x.csv').field('profile', HUGE_STRING),
        },
      });
    }

    for (const type of Object.keys(content).filter((type) => type.startsWith('image/'))) {
      probes.push({
        mutation: `garbage ${type}`,
        path,
        body: { type, data: Buffer.from('not an image\u0000') },
      });
      probes.push({
        mutation: `${type} claiming huge dimensions`,
        path,
        body: {
          type,
          data: Buffer.from('89504e470d0a1a0a0000000d4948445200018a8800018a880806000000', 'hex'),
        },
      });
    }
    return probes;
  }

  async function send(caller: Caller, method: string, probe: Probe): Promise<void> {
    const target = probe.query ? `${probe.path}?${probe.query}` : probe.path;
    let call = (request(app.getHttpServer()) as unknown as Record<string, (url: string) => Test>)[
      method
    ](target);
    if (caller.user) call = call.auth(caller.user.accessToken, { type: 'bearer' });
    for (const [name, value] of Object.entries(probe.headers ?? {})) call = call.set(name, value);
    if (probe.body && 'multipart' in probe.body) call = probe.body.multipart(call);
    else if (probe.body) call = call.set('Content-Type', probe.body.type).send(probe.body.data);
    requests++;
    let response: Response;
    try {
      response = await call;
    } catch (error) {
      failures.push(
        `${caller.name} ${method.toUpperCase()} ${probe.path.slice(0, 80)} [${probe.mutation}]: no answer (${String(error)})`,
      );
      return;
    }
    const problemJson = String(response.headers['content-type'] ?? '').includes(
      'application/problem+json',
    );
    if (response.status >= 500 || (response.status >= 400 && !problemJson)) {
      const detail = response.body?.code
        ? `${response.body.code}: ${response.body.detail}`
        : response.text?.slice(0, 120);
      failures.push(
        `${caller.name} ${method.toUpperCase()} ${probe.path.slice(0, 80)} [${probe.mutation}] → ${response.status} ${detail}`,
      );
    }
  }

  /** Runs tasks a few at a time. */
  async function inPool(tasks: (() => Promise<void>)[]): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < tasks.length) await tasks[next++]();
      }),
    );
  }

  beforeAll(async () => {
    // Stripe configured (its stand-in), so the webhook checks signatures and checkout gets far.
    stripe = await StripeStandIn.start();
    app = await createTestApp({
      // Its own rate-limit counters: thousands of hostile requests from 127.0.0.1 must not
      // use up the budgets of the run's other test files.
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}-hostile-fuzz`,
      RATE_LIMIT_LOGIN_MAX: '100000',
      RATE_LIMIT_PASSWORD_RESET_MAX: '100000',
      RATE_LIMIT_PASSWORD_RESET_EMAIL_MAX: '100000',
      RATE_LIMIT_REGISTER_EMAIL_MAX: '100000',
      STRIPE_SECRET_KEY: 'sk_test_mutualis',
      STRIPE_WEBHOOK_SECRET: 'whsec_hostilefuzz',
      STRIPE_API_BASE: stripe.url,
    });
    db = app.get(DataSource);
    await configureChambre(db);
    document = (await request(app.getHttpServer()).get('/api/openapi.json').expect(200)).body;
    const [member, admin] = await Promise.all([
      registerAndLogIn(app, 'fuzz-member'),
      registerAndLogIn(app, 'fuzz-admin'),
    ]);
    // The Chambre admin here is also finance staff and a consultant, to pass every role guard.
    await grantPlatformRoles(app, admin, ['admin', 'finance', 'consultant']);
    const organisationId = await createOrganisation(app, member);
    const { offeringId, sessionId } = await insertPublishedSession(db, { consultantId: admin.id });
    Object.assign(knownIds, {
      organisations: organisationId,
      offerings: offeringId,
      sessions: sessionId,
      users: member.id,
      user: member.id,
      consultants: admin.id,
    });
    const booking = await request(app.getHttpServer())
      .post('/api/bookings')
      .auth(member.accessToken, { type: 'bearer' })
      .send({
        organisationId,
        sessionId,
        attendees: [{ name: 'Léa Dubois', email: 'lea@test.mutualis.fr' }],
      });
    if (booking.status === 201) knownIds.bookings = booking.body.id;
    callers.push(
      { name: 'anonymous', user: null, offset: 0 },
      { name: 'member', user: member, offset: 2 },
      { name: 'admin', user: admin, offset: 4 },
    );
  });

  afterAll(async () => {
    await app.close();
    await stripe.stop();
  });

  it('answers no 5xx and only problem+json errors, for every route, mutation and caller', async () => {
    const started = Date.now();
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => ({ path, method, operation })),
    );
    expect(operations.length).toBeGreaterThan(50);
    const endsSessions = ({ path, method }: { path: string; method: string }) =>
      ENDS_SESSIONS.test(`${method.toUpperCase()} ${path}`);
    for (const caller of callers) {
      // A sample body may end the caller's session (a logout): those routes go last, so the
      // others are all probed signed in.
      for (const phase of [
        operations.filter((operation) => !endsSessions(operation)),
        operations.filter(endsSessions),
      ]) {
        const tasks = phase.flatMap(({ path, method, operation }) =>
          probesOf(caller, path, operation).map((probe) => () => send(caller, method, probe)),
        );
        await inPool(tasks);
      }
      if (caller.user) {
        const me = await request(app.getHttpServer())
          .get('/api/me')
          .auth(caller.user.accessToken, { type: 'bearer' });
        if (me.status === 401) Object.assign(caller.user, await logIn(app, caller.user.email));
      }
    }
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `hostile fuzz: ${operations.length} operations, ${requests} requests in ${seconds.toFixed(1)} s, ${failures.length} failures\n`,
    );
    expect(failures).toEqual([]);
  }, 180_000);

  it('answers signed Stripe events of the wrong shape with no 5xx', async () => {
    const events: unknown[] = [
      { id: 12345, type: 'checkout.session.completed', data: { object: {} } },
      { id: 'evt_fuzz_1', type: null, data: null },
      { id: 'evt_fuzz_2', type: 'checkout.session.completed', data: { object: 'cs_x' } },
      {
        id: 'evt_fuzz_3',
        type: 'checkout.session.completed',
        created: 'yesterday',
        data: {
          object: { id: ['cs'], metadata: { bookingId: 'not-a-uuid' }, amount_total: 'ten' },
        },
      },
      {
        id: 'evt_fuzz_4',
        type: 'charge.refunded',
        data: { object: { id: 'ch_x', payment_intent: { nested: true }, amount_refunded: -1 } },
      },
      {
        id: `evt_${'x'.repeat(100_000)}`,
        type: 'payment_intent.payment_failed',
        data: { object: {} },
      },
      {
        id: 'evt_fuzz_5',
        type: 'x'.repeat(10_000),
        object: 'event',
        data: { object: { object: 'unknown' } },
      },
      [],
    ];
    const answers = await Promise.all(
      events.map((event) =>
        deliverStripeEvent(app, event as object, { secret: 'whsec_hostilefuzz' }).then(
          (response) => ({
            event: JSON.stringify(event).slice(0, 80),
            status: response.status,
            problemJson:
              response.status < 400 ||
              String(response.headers['content-type']).includes('application/problem+json'),
          }),
        ),
      ),
    );
    expect(answers.filter((answer) => answer.status >= 500 || !answer.problemJson)).toEqual([]);
  });
});
