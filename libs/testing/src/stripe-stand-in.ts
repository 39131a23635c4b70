import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

/**
 * A local stand-in for Stripe's v1 API, for integration and end-to-end tests (Stripe's servers
 * cannot be reached from here). The real `stripe` client talks to it over HTTP:
 *
 *   const standIn = await StripeStandIn.start();
 *   const stripe = new Stripe('sk_test_…', standIn.clientConfig());
 *   // = { host: '127.0.0.1', port: standIn.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false }
 *
 * Bodies are Stripe's own example objects (the OpenAPI fixtures, `fixtures3.json`), deep-cloned
 * with the fields the request determines overridden. Serves checkout sessions, refunds, payment
 * intents, charges, balance transactions and payouts; anything else answers 404 like Stripe does.
 *
 * Deliberate simplifications: only `mode=payment` sessions priced with `price_data`; a charge's
 * fee is 1.5 % + 25 (minor units), its balance transaction is available at once; expiry windows
 * (30 min – 24 h) are not enforced, since tests move the app's clock; only successful (2xx)
 * answers are kept for `Idempotency-Key` replays, so a request failed by `failNext` can be
 * retried with the same key.
 */

/** One request the stand-in received. */
export interface StripeStandInRequest {
  method: string;
  /** The path without its query string, e.g. `/v1/checkout/sessions`. */
  path: string;
  idempotencyKey: string | null;
  /**
   * The request's parameters, decoded: the form body of a POST, the query string of a GET.
   * Nested keys are folded (`metadata[booking_id]` → `{ metadata: { booking_id } }`, indexed
   * keys into arrays); values stay the strings that were sent.
   */
  body: Record<string, unknown>;
}

/** The options to give the `stripe` client so it talks to this stand-in. */
export interface StripeStandInClientConfig {
  host: string;
  port: number;
  protocol: 'http';
  maxNetworkRetries: number;
  telemetry: boolean;
}

export type StripeStandInCheckoutOutcome = 'paid' | 'unpaid_async' | 'async_failed' | 'expired';

type StripeObject = Record<string, unknown>;

/** The API version stripe@23.1.0 pins; events use the version of the last request instead. */
const DEFAULT_API_VERSION = '2026-10-28.endive';
const FIXTURES_PATH_ENV = 'STRIPE_FIXTURES_PATH';
const DEFAULT_FIXTURES_PATH = resolve(
  __dirname,
  '../../../../shared/fixtures/stripe/fixtures3.json',
);
const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];

let fixtures: Record<string, StripeObject> | undefined;

function loadFixtures(): Record<string, StripeObject> {
  if (fixtures) return fixtures;
  const path = process.env[FIXTURES_PATH_ENV] || DEFAULT_FIXTURES_PATH;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `Stripe stand-in: cannot read Stripe's fixtures at ${path} (set ${FIXTURES_PATH_ENV}): ${String(error)}`,
    );
  }
  const resources = isRecord(parsed) ? parsed.resources : undefined;
  if (!isRecord(resources)) {
    throw new Error(`Stripe stand-in: ${path} has no "resources" object`);
  }
  fixtures = resources as Record<string, StripeObject>;
  return fixtures;
}

/** A deep clone of Stripe's example object of that type. */
function fixture(type: string): StripeObject {
  const example = loadFixtures()[type];
  if (!isRecord(example)) throw new Error(`Stripe stand-in: no fixture for "${type}"`);
  return structuredClone(example);
}

/** An error answered with Stripe's error body, `{ error: { type, message, … } }`. */
class StripeErrorAnswer extends Error {
  constructor(
    readonly status: number,
    readonly error: StripeObject,
  ) {
    super(String(error.message));
  }
}

function invalidRequest(message: string, details: StripeObject = {}): StripeErrorAnswer {
  const code = typeof details.code === 'string' ? details.code : undefined;
  return new StripeErrorAnswer(400, {
    type: 'invalid_request_error',
    message,
    ...details,
    ...(code ? { doc_url: docUrl(code) } : {}),
  });
}

function resourceMissing(kind: string, id: string, param: string): StripeErrorAnswer {
  return new StripeErrorAnswer(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    param,
    message: `No such ${kind}: '${id}'`,
    doc_url: docUrl('resource_missing'),
  });
}

function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;
}

export class StripeStandIn {
  readonly url: string;
  readonly requests: StripeStandInRequest[] = [];

  private readonly sessions = new Map<string, StripeObject>();
  /** `payment_intent_data` of each session, for the payment intent it creates. */
  private readonly paymentIntentData = new Map<string, StripeObject>();
  private readonly paymentIntents = new Map<string, StripeObject>();
  private readonly charges = new Map<string, StripeObject>();
  private readonly refunds = new Map<string, StripeObject>();
  private readonly balanceTransactions = new Map<string, StripeObject>();
  private readonly payouts = new Map<string, StripeObject>();
  /** Which payout took each balance transaction. */
  private readonly payoutOf = new Map<string, string>();
  private readonly idempotency = new Map<
    string,
    { endpoint: string; params: string; status: number; body: string }
  >();
  private readonly failures: { pathPrefix: string; status: number; remaining: number }[] = [];
  private apiVersion = DEFAULT_API_VERSION;
  private stopped: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly clock: () => Date,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /**
   * Listens on 127.0.0.1, on a random free port. `now` dates what it creates (the `created` of
   * events, charges, refunds, payouts): a test that moves the app's clock gives it the same one.
   */
  static async start(options: { now?: () => Date } = {}): Promise<StripeStandIn> {
    loadFixtures();
    const server = createServer();
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolveListen();
      });
    });
    // Longer than a test's pauses, so the client's keep-alive sockets are not closed under it.
    server.keepAliveTimeout = 60_000;
    const standIn = new StripeStandIn(
      server,
      (server.address() as AddressInfo).port,
      options.now ?? (() => new Date()),
    );
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      void standIn.handle(req, res);
    });
    return standIn;
  }

  /** The `stripe` constructor options pointing at this stand-in. */
  clientConfig(): StripeStandInClientConfig {
    return {
      host: '127.0.0.1',
      port: this.port,
      protocol: 'http',
      maxNetworkRetries: 0,
      telemetry: false,
    };
  }

  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolveStop, reject) => {
      this.server.close((error) => (error ? reject(error) : resolveStop()));
      this.server.closeAllConnections();
    });
    return this.stopped;
  }

  /** Objects the stand-in has created, by id (checkout sessions, refunds, payment intents, charges). */
  checkoutSession(id: string): Record<string, unknown> | undefined {
    return cloneOf(this.sessions.get(id));
  }

  paymentIntent(id: string): Record<string, unknown> | undefined {
    return cloneOf(this.paymentIntents.get(id));
  }

  charge(id: string): Record<string, unknown> | undefined {
    return cloneOf(this.charges.get(id));
  }

  refund(id: string): Record<string, unknown> | undefined {
    return cloneOf(this.refunds.get(id));
  }

  /**
   * Builds the payload of a webhook event of that type around an object (e.g. a checkout session
   * the app created), like Stripe would send it: { id: 'evt_…', object: 'event', type, created,
   * data: { object }, livemode: false, api_version, pending_webhooks, request: {...} }.
   * Sign `JSON.stringify(event)` with `stripe.webhooks.generateTestHeaderString`.
   */
  event(
    type: string,
    object: object,
    overrides: Record<string, unknown> = {},
  ): Record<string, unknown> {
    const event = fixture('event');
    Object.assign(event, {
      id: newId('evt'),
      object: 'event',
      api_version: this.apiVersion,
      created: this.nowSeconds(),
      // What goes over the wire: drops the client's non-enumerable `lastResponse`.
      data: { object: JSON.parse(JSON.stringify(object)) as StripeObject },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      ...overrides,
    });
    return event;
  }

  /**
   * Marks a created checkout session as paid/failed/expired and returns the updated session
   * (payment_status 'paid' | 'unpaid', status 'complete' | 'expired', payment_intent set to a new
   * pi_… id when paid). `unpaid_async` completes it with a payment still processing (SEPA debit
   * and the like); a later `paid` or `async_failed` settles that payment.
   */
  completeCheckoutSession(
    id: string,
    outcome: StripeStandInCheckoutOutcome,
  ): Record<string, unknown> {
    const session = this.sessions.get(id);
    if (!session) throw new Error(`Stripe stand-in: no checkout session ${id}`);
    const state = `${String(session.status)}/${String(session.payment_status)}`;
    const refuse = () =>
      new Error(`Stripe stand-in: checkout session ${id} is ${state}, it cannot become ${outcome}`);
    if (outcome === 'expired') {
      if (session.status !== 'open') throw refuse();
      session.status = 'expired';
    } else if (session.status === 'open' && outcome !== 'async_failed') {
      session.status = 'complete';
      session.customer_details = this.customerDetails(session);
      const intent = this.createPaymentIntent(session);
      if (outcome === 'paid') {
        this.succeed(intent, session);
        session.payment_status = 'paid';
      }
    } else if (state === 'complete/unpaid' && outcome !== 'unpaid_async') {
      const intent = this.paymentIntents.get(String(session.payment_intent));
      if (!intent || intent.status !== 'processing') throw refuse();
      if (outcome === 'paid') {
        this.succeed(intent, session);
        session.payment_status = 'paid';
      } else {
        Object.assign(intent, {
          status: 'requires_payment_method',
          last_payment_error: {
            type: 'card_error',
            code: 'payment_method_provider_decline',
            message: 'The payment was declined.',
          },
        });
      }
    } else {
      throw refuse();
    }
    return structuredClone(session);
  }

  /**
   * Pays out every balance transaction not paid out yet (as Stripe's automatic payouts do) and
   * returns the payout (status 'paid'); list its transactions with
   * `stripe.balanceTransactions.list({ payout: payout.id })`.
   */
  createPayout(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const included = [...this.balanceTransactions.values()].filter(
      (transaction) => transaction.type !== 'payout' && !this.payoutOf.has(String(transaction.id)),
    );
    const amount = included.reduce((sum, transaction) => sum + Number(transaction.net), 0);
    if (included.length === 0 || amount <= 0) {
      throw new Error('Stripe stand-in: nothing to pay out');
    }
    const currency = String(included[0].currency);
    const id = newId('po');
    const now = this.nowSeconds();
    const transaction = this.createBalanceTransaction({
      type: 'payout',
      reporting_category: 'payout',
      amount: -amount,
      fee: 0,
      currency,
      source: id,
      description: 'STRIPE PAYOUT',
    });
    const payout = fixture('payout');
    Object.assign(payout, {
      id,
      object: 'payout',
      amount,
      arrival_date: now,
      automatic: true,
      balance_transaction: transaction.id,
      created: now,
      currency,
      livemode: false,
      metadata: {},
      status: 'paid',
      reconciliation_status: 'completed',
      trace_id: { status: 'supported', value: `TRACE${randomToken(12)}` },
      ...overrides,
    });
    this.payouts.set(id, payout);
    for (const paidOut of [...included, transaction]) {
      this.payoutOf.set(String(paidOut.id), id);
    }
    return structuredClone(payout);
  }

  /** Makes the next requests to `path` fail with this HTTP status and a Stripe error body ({ error: { type: 'api_error', message } }), `times` times. */
  failNext(pathPrefix: string, status: number, times = 1): void {
    this.failures.push({ pathPrefix, status, remaining: times });
  }

  // ---- HTTP -------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = `req_${randomToken(14)}`;
    const version = header(req, 'stripe-version');
    if (version) this.apiVersion = version;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Request-Id': requestId,
      'Stripe-Version': this.apiVersion,
    };
    const answer = (status: number, body: string) => {
      res.writeHead(status, headers);
      res.end(body);
    };
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const method = (req.method ?? 'GET').toUpperCase();
      const target = new URL(req.url ?? '/', this.url);
      const path = target.pathname;
      const params = decodeForm(
        method === 'POST' ? Buffer.concat(chunks).toString('utf8') : target.search.slice(1),
      );
      const idempotencyKey = method === 'POST' ? header(req, 'idempotency-key') : null;
      this.requests.push({ method, path, idempotencyKey, body: params });
      if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;

      this.authenticate(req);
      const failure = this.failures.find(
        (candidate) => candidate.remaining > 0 && path.startsWith(candidate.pathPrefix),
      );
      if (failure) {
        failure.remaining -= 1;
        throw new StripeErrorAnswer(failure.status, {
          type: 'api_error',
          message: `Stripe stand-in: ${method} ${path} failed on purpose (failNext).`,
        });
      }

      const endpoint = `${method} ${path}`;
      const fingerprint = JSON.stringify(sortedKeys(params));
      if (idempotencyKey) {
        const previous = this.idempotency.get(idempotencyKey);
        if (previous) {
          const retry = `Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`;
          if (previous.endpoint !== endpoint) {
            throw new StripeErrorAnswer(400, {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${previous.endpoint}' vs '${endpoint}'). ${retry}`,
            });
          }
          if (previous.params !== fingerprint) {
            throw new StripeErrorAnswer(400, {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. ${retry}`,
            });
          }
          headers['Idempotent-Replayed'] = 'true';
          return answer(previous.status, previous.body);
        }
      }

      const body = JSON.stringify(this.route(method, path, params));
      if (idempotencyKey) {
        this.idempotency.set(idempotencyKey, { endpoint, params: fingerprint, status: 200, body });
      }
      answer(200, body);
    } catch (error) {
      const failure =
        error instanceof StripeErrorAnswer
          ? error
          : new StripeErrorAnswer(500, {
              type: 'api_error',
              message: `Stripe stand-in: ${error instanceof Error ? error.message : String(error)}`,
            });
      answer(failure.status, JSON.stringify({ error: failure.error }));
    }
  }

  private authenticate(req: IncomingMessage): void {
    const authorization = header(req, 'authorization');
    if (!authorization) {
      throw new StripeErrorAnswer(401, {
        type: 'invalid_request_error',
        message:
          "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      });
    }
    const key = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? '';
    if (!/^(sk|rk)_test_/.test(key)) {
      throw new StripeErrorAnswer(401, {
        type: 'invalid_request_error',
        code: 'api_key_invalid',
        message: `Invalid API Key provided: ${key.slice(0, 8)}… (the stand-in takes test keys only, sk_test_…)`,
      });
    }
  }

  private route(method: string, path: string, params: StripeObject): unknown {
    const expand = stringArray(params.expand);
    const segments = path.split('/').slice(1).map(decodeURIComponent);
    const [version, , second, third] = segments;
    const at = (...expected: string[]) =>
      segments.length === expected.length &&
      expected.every((part, i) => part === '*' || part === segments[i]);
    if (version === 'v1') {
      if (method === 'POST' && at('v1', 'checkout', 'sessions')) {
        return this.createCheckoutSession(params);
      }
      if (method === 'GET' && at('v1', 'checkout', 'sessions', '*')) {
        return this.expanded(
          this.found(this.sessions, third, 'checkout.session', 'session'),
          expand,
        );
      }
      if (method === 'POST' && at('v1', 'checkout', 'sessions', '*', 'expire')) {
        return this.expanded(this.expireCheckoutSession(third), expand);
      }
      if (method === 'POST' && at('v1', 'refunds')) {
        return this.expanded(this.createRefund(params), expand);
      }
      if (method === 'GET' && at('v1', 'refunds', '*')) {
        return this.expanded(this.found(this.refunds, second, 'refund', 'refund'), expand);
      }
      if (method === 'GET' && at('v1', 'payment_intents', '*')) {
        const intent = this.found(this.paymentIntents, second, 'payment_intent', 'intent');
        return this.expanded(intent, expand);
      }
      if (method === 'GET' && at('v1', 'charges', '*')) {
        return this.expanded(this.found(this.charges, second, 'charge', 'charge'), expand);
      }
      if (method === 'GET' && at('v1', 'balance_transactions')) {
        return this.expanded(this.listBalanceTransactions(params), expand);
      }
      if (method === 'GET' && at('v1', 'balance_transactions', '*')) {
        const transaction = this.found(
          this.balanceTransactions,
          second,
          'balance_transaction',
          'id',
        );
        return this.expanded(transaction, expand);
      }
      if (method === 'GET' && at('v1', 'payouts', '*')) {
        return this.expanded(this.found(this.payouts, second, 'payout', 'payout'), expand);
      }
    }
    throw new StripeErrorAnswer(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/. (The Stripe stand-in serves only what the tests need.)`,
    });
  }

  private found(
    objects: Map<string, StripeObject>,
    id: string,
    kind: string,
    param: string,
  ): StripeObject {
    const object = objects.get(id);
    if (!object) throw resourceMissing(kind, id, param);
    return object;
  }

  /** A copy of the object with the ids at the `expand[]` paths replaced by the objects. */
  private expanded(object: StripeObject, paths: string[]): StripeObject {
    const copy = structuredClone(object);
    const expandAt = (node: unknown, parts: string[]): unknown => {
      if (parts.length === 0) return node;
      if (Array.isArray(node)) return node.map((element) => expandAt(element, parts));
      if (!isRecord(node)) return node;
      const [head, ...rest] = parts;
      let value = node[head];
      if (typeof value === 'string') value = cloneOf(this.lookup(value)) ?? value;
      node[head] = expandAt(value, rest);
      return node;
    };
    for (const path of paths) expandAt(copy, path.split('.'));
    return copy;
  }

  private lookup(id: string): StripeObject | undefined {
    return (
      this.sessions.get(id) ??
      this.paymentIntents.get(id) ??
      this.charges.get(id) ??
      this.refunds.get(id) ??
      this.balanceTransactions.get(id) ??
      this.payouts.get(id)
    );
  }

  // ---- Checkout sessions --------------------------------------------------------------------

  private createCheckoutSession(params: StripeObject): StripeObject {
    const mode = optionalString(params.mode);
    if (!mode) throw invalidRequest('Missing required param: mode.', { param: 'mode' });
    if (mode !== 'payment') {
      throw invalidRequest(`The Stripe stand-in only supports mode=payment, not ${mode}.`, {
        param: 'mode',
      });
    }
    const lineItems = Array.isArray(params.line_items) ? params.line_items : [];
    if (lineItems.length === 0) {
      throw invalidRequest('Missing required param: line_items.', { param: 'line_items' });
    }
    let amountTotal = 0;
    const currencies = new Set<string>();
    lineItems.forEach((item: unknown, index) => {
      const param = `line_items[${index}]`;
      const line = isRecord(item) ? item : {};
      const priceData = line.price_data;
      if (!isRecord(priceData)) {
        throw invalidRequest(
          `The Stripe stand-in only prices line items with price_data (${param}).`,
          { param: `${param}[price_data]` },
        );
      }
      const currency = optionalString(priceData.currency);
      if (!currency) {
        throw invalidRequest(`Missing required param: ${param}[price_data][currency].`, {
          param: `${param}[price_data][currency]`,
        });
      }
      currencies.add(currency.toLowerCase());
      const unitAmount =
        priceData.unit_amount !== undefined
          ? integer(priceData.unit_amount, `${param}[price_data][unit_amount]`)
          : Math.round(Number(priceData.unit_amount_decimal));
      if (!Number.isFinite(unitAmount) || unitAmount < 0) {
        throw invalidRequest(`Missing required param: ${param}[price_data][unit_amount].`, {
          param: `${param}[price_data][unit_amount]`,
        });
      }
      const quantity = integer(line.quantity ?? '', `${param}[quantity]`);
      if (quantity < 1) {
        throw invalidRequest(`Invalid ${param}[quantity]: must be at least 1`, {
          param: `${param}[quantity]`,
        });
      }
      amountTotal += unitAmount * quantity;
    });
    if (currencies.size > 1) {
      throw invalidRequest('All line items must use the same currency.', {
        param: 'line_items',
      });
    }
    const currency = [...currencies][0];
    const now = this.nowSeconds();
    const id = `cs_test_${randomToken(58)}`;
    const uiMode = optionalString(params.ui_mode) ?? 'hosted_page';
    const hosted = uiMode === 'hosted_page' || uiMode === 'hosted';
    // API 2026-09-30 (stripe@23) replaced `payment_method_types` by `allowed_payment_method_types`,
    // a filter on the methods Stripe finds eligible (here: the list itself, or card).
    const legacyTypes = params.payment_method_types !== undefined;
    if (legacyTypes && this.apiVersion >= '2026-09-30') {
      throw invalidRequest(
        `Received unknown parameter: payment_method_types (removed in API version 2026-09-30; use allowed_payment_method_types).`,
        { param: 'payment_method_types' },
      );
    }
    const allowed = stringArray(
      legacyTypes ? params.payment_method_types : params.allowed_payment_method_types,
    );
    const session = fixture('checkout.session');
    Object.assign(session, {
      id,
      object: 'checkout.session',
      after_expiration: null,
      allow_promotion_codes: null,
      amount_subtotal: amountTotal,
      amount_total: amountTotal,
      automatic_tax: { enabled: false, liability: null, status: null, provider: null },
      cancel_url: optionalString(params.cancel_url),
      client_reference_id: optionalString(params.client_reference_id),
      allowed_payment_method_types: allowed.length > 0 && !legacyTypes ? allowed : null,
      client_secret: hosted ? null : `${id}_secret_${randomToken(24)}`,
      collected_information: null,
      consent: null,
      consent_collection: null,
      created: now,
      currency,
      currency_conversion: null,
      customer: optionalString(params.customer),
      customer_details: null,
      customer_email: optionalString(params.customer_email),
      expires_at:
        params.expires_at !== undefined && params.expires_at !== ''
          ? integer(params.expires_at, 'expires_at')
          : now + 24 * 3600,
      livemode: false,
      locale: optionalString(params.locale),
      metadata: metadataOf(params.metadata),
      mode,
      payment_intent: null,
      payment_method_configuration_details: null,
      payment_method_types: allowed.length > 0 ? allowed : ['card'],
      payment_status: 'unpaid',
      shipping_address_collection: null,
      shipping_cost: null,
      status: 'open',
      success_url: optionalString(params.success_url),
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      ui_mode: uiMode,
      url: hosted ? `https://checkout.stripe.com/c/pay/${id}` : null,
    });
    this.sessions.set(id, session);
    this.paymentIntentData.set(
      id,
      isRecord(params.payment_intent_data) ? params.payment_intent_data : {},
    );
    return session;
  }

  private expireCheckoutSession(id: string): StripeObject {
    const session = this.found(this.sessions, id, 'checkout.session', 'session');
    if (session.status !== 'open') {
      throw invalidRequest(
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${String(session.status)}".`,
        { param: 'session' },
      );
    }
    session.status = 'expired';
    return session;
  }

  private customerDetails(session: StripeObject): StripeObject {
    const details = fixture('checkout.session').customer_details;
    return {
      ...(isRecord(details) ? details : {}),
      email: session.customer_email ?? 'customer@example.com',
      name: 'Jenny Rosen',
      tax_ids: [],
    };
  }

  // ---- Payment intents, charges, refunds ------------------------------------------------------

  /** The payment intent a completed session creates, still processing. */
  private createPaymentIntent(session: StripeObject): StripeObject {
    const data = this.paymentIntentData.get(String(session.id)) ?? {};
    const id = newId('pi');
    const intent = fixture('payment_intent');
    Object.assign(intent, {
      id,
      object: 'payment_intent',
      amount: session.amount_total,
      amount_capturable: 0,
      amount_received: 0,
      automatic_payment_methods: null,
      canceled_at: null,
      cancellation_reason: null,
      client_secret: `${id}_secret_${randomToken(25)}`,
      created: this.nowSeconds(),
      currency: session.currency,
      customer: session.customer,
      description: optionalString(data.description),
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: metadataOf(data.metadata),
      next_action: null,
      payment_method: newId('pm'),
      payment_method_configuration_details: null,
      allowed_payment_method_types: session.allowed_payment_method_types ?? null,
      excluded_payment_method_types: null,
      payment_method_types: session.payment_method_types,
      processing: null,
      shipping: null,
      status: 'processing',
      transfer_data: null,
    });
    this.paymentIntents.set(id, intent);
    session.payment_intent = id;
    return intent;
  }

  /** Settles a payment intent: a charge, its balance transaction, status 'succeeded'. */
  private succeed(intent: StripeObject, session: StripeObject): void {
    const amount = Number(intent.amount);
    const currency = String(intent.currency);
    const id = newId('ch');
    const fee = Math.round(amount * 0.015) + 25;
    const transaction = this.createBalanceTransaction({
      type: 'charge',
      reporting_category: 'charge',
      amount,
      fee,
      currency,
      source: id,
      description: intent.description ?? null,
    });
    const charge = fixture('charge');
    const details = isRecord(session.customer_details) ? session.customer_details : {};
    Object.assign(charge, {
      id,
      object: 'charge',
      amount,
      amount_captured: amount,
      amount_refunded: 0,
      balance_transaction: transaction.id,
      billing_details: { ...asRecord(charge.billing_details), email: details.email ?? null },
      captured: true,
      created: this.nowSeconds(),
      currency,
      customer: intent.customer ?? null,
      description: intent.description ?? null,
      livemode: false,
      metadata: intent.metadata,
      outcome: {
        ...asRecord(charge.outcome),
        network_status: 'approved_by_network',
        reason: null,
        risk_level: 'normal',
        seller_message: 'Payment complete.',
        type: 'authorized',
      },
      paid: true,
      payment_intent: intent.id,
      payment_method: intent.payment_method,
      receipt_url: `https://pay.stripe.com/receipts/payment/${randomToken(40)}`,
      refunded: false,
      refunds: { object: 'list', data: [], has_more: false, url: `/v1/charges/${id}/refunds` },
      shipping: null,
      source: null,
      status: 'succeeded',
      transfer_data: null,
    });
    this.charges.set(id, charge);
    Object.assign(intent, { status: 'succeeded', amount_received: amount, latest_charge: id });
  }

  private createRefund(params: StripeObject): StripeObject {
    const intentId = optionalString(params.payment_intent);
    const chargeId = optionalString(params.charge);
    let charge: StripeObject | undefined;
    if (intentId) {
      const intent = this.found(this.paymentIntents, intentId, 'payment_intent', 'payment_intent');
      const latest = optionalString(intent.latest_charge);
      charge = latest ? this.charges.get(latest) : undefined;
      if (!charge || intent.status !== 'succeeded') {
        throw invalidRequest(
          `This PaymentIntent (${intentId}) does not have a successful charge to refund.`,
          { param: 'payment_intent' },
        );
      }
      if (chargeId && chargeId !== charge.id) {
        throw invalidRequest(`Charge ${chargeId} does not belong to PaymentIntent ${intentId}.`, {
          param: 'charge',
        });
      }
    } else if (chargeId) {
      charge = this.found(this.charges, chargeId, 'charge', 'charge');
    } else {
      throw invalidRequest('Missing required param: payment_intent.', {
        param: 'payment_intent',
      });
    }
    const currency = String(charge.currency);
    const left = Number(charge.amount) - Number(charge.amount_refunded);
    if (left <= 0) {
      throw invalidRequest(`Charge ${String(charge.id)} has already been refunded.`, {
        code: 'charge_already_refunded',
        charge: charge.id,
      });
    }
    const amount =
      params.amount !== undefined && params.amount !== '' ? integer(params.amount, 'amount') : left;
    if (amount <= 0) {
      throw invalidRequest('Invalid positive integer', { param: 'amount' });
    }
    if (amount > left) {
      throw invalidRequest(
        `Refund amount (${money(amount, currency)}) is greater than unrefunded amount on charge (${money(left, currency)})`,
        { param: 'amount' },
      );
    }
    const reason = optionalString(params.reason);
    if (reason && !REFUND_REASONS.includes(reason)) {
      throw invalidRequest(
        `Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer`,
        { param: 'reason' },
      );
    }
    const id = newId('re');
    const transaction = this.createBalanceTransaction({
      type: 'refund',
      reporting_category: 'refund',
      amount: -amount,
      fee: 0,
      currency,
      source: id,
      description: 'REFUND FOR CHARGE',
    });
    const refund = fixture('refund');
    Object.assign(refund, {
      id,
      object: 'refund',
      amount,
      balance_transaction: transaction.id,
      charge: charge.id,
      created: this.nowSeconds(),
      currency,
      metadata: metadataOf(params.metadata),
      payment_intent: charge.payment_intent,
      payment_method: charge.payment_method,
      reason,
      status: 'succeeded',
    });
    this.refunds.set(id, refund);
    charge.amount_refunded = Number(charge.amount_refunded) + amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    const refunds = asRecord(charge.refunds);
    refunds.data = [refund, ...(Array.isArray(refunds.data) ? refunds.data : [])];
    return refund;
  }

  // ---- Balance transactions and payouts --------------------------------------------------

  private createBalanceTransaction(fields: {
    type: string;
    reporting_category: string;
    amount: number;
    fee: number;
    currency: string;
    source: string;
    description: unknown;
  }): StripeObject {
    const id = newId('txn');
    const now = this.nowSeconds();
    const transaction = fixture('balance_transaction');
    Object.assign(transaction, {
      id,
      object: 'balance_transaction',
      available_on: now,
      created: now,
      exchange_rate: null,
      fee_details:
        fields.fee > 0
          ? [
              {
                amount: fields.fee,
                application: null,
                currency: fields.currency,
                description: 'Stripe processing fees',
                type: 'stripe_fee',
              },
            ]
          : [],
      net: fields.amount - fields.fee,
      status: 'available',
      ...fields,
    });
    this.balanceTransactions.set(id, transaction);
    return transaction;
  }

  /** Newest first, like Stripe; filters `payout`, `type`, `source`; pages with `limit`/`starting_after`. */
  private listBalanceTransactions(params: StripeObject): StripeObject {
    let transactions = [...this.balanceTransactions.values()].reverse();
    const payout = optionalString(params.payout);
    if (payout) {
      this.found(this.payouts, payout, 'payout', 'payout');
      transactions = transactions.filter(
        (transaction) => this.payoutOf.get(String(transaction.id)) === payout,
      );
    }
    const type = optionalString(params.type);
    if (type) transactions = transactions.filter((transaction) => transaction.type === type);
    const source = optionalString(params.source);
    if (source) transactions = transactions.filter((transaction) => transaction.source === source);
    const after = optionalString(params.starting_after);
    if (after) {
      const index = transactions.findIndex((transaction) => transaction.id === after);
      if (index < 0) throw resourceMissing('balance_transaction', after, 'starting_after');
      transactions = transactions.slice(index + 1);
    }
    const limit =
      params.limit !== undefined && params.limit !== '' ? integer(params.limit, 'limit') : 10;
    if (limit < 1 || limit > 100) {
      throw invalidRequest('Invalid limit: must be between 1 and 100', { param: 'limit' });
    }
    return {
      object: 'list',
      data: transactions.slice(0, limit),
      has_more: transactions.length > limit,
      url: '/v1/balance_transactions',
    };
  }

  /** The stand-in's clock in Unix seconds, as Stripe dates its objects. */
  private nowSeconds(): number {
    return Math.floor(this.clock().getTime() / 1000);
  }
}

// ---- Helpers --------------------------------------------------------------------------------

/**
 * Decodes a form-encoded body or query string the way Stripe reads it: `a[b]=1` → `{ a: { b:
 * '1' } }`, `a[0]=x&a[1]=y` and `a[]=x` → `{ a: ['x', 'y'] }`. Values stay strings.
 */
function decodeForm(encoded: string): Record<string, unknown> {
  const root: StripeObject = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    const parts = match
      ? [match[1], ...[...match[2].matchAll(/\[([^[\]]*)\]/g)].map((found) => found[1])]
      : [key];
    if (parts.some((part) => ['__proto__', 'constructor', 'prototype'].includes(part))) continue;
    let node = root;
    parts.forEach((part, index) => {
      const name = part === '' ? String(Object.keys(node).length) : part;
      if (index === parts.length - 1) {
        node[name] = value;
        return;
      }
      if (!isRecord(node[name])) node[name] = {};
      node = node[name] as StripeObject;
    });
  }
  return foldArrays(root) as StripeObject;
}

function foldArrays(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  const folded = Object.fromEntries(keys.map((key) => [key, foldArrays(value[key])]));
  const isList =
    keys.length > 0 && keys.every((key) => /^\d+$/.test(key)) && keys.every((_, i) => i in folded);
  return isList ? keys.map((_, i) => folded[String(i)]) : folded;
}

function isRecord(value: unknown): value is StripeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): StripeObject {
  return isRecord(value) ? value : {};
}

function cloneOf(object: StripeObject | undefined): StripeObject | undefined {
  return object ? structuredClone(object) : undefined;
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys(value[key])]),
  );
}

/** A non-empty string parameter, or null (the client sends null as an empty value). */
function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string' && item !== '')
    : [];
}

function integer(value: unknown, param: string): number {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) {
    throw invalidRequest(`Invalid integer: ${typeof value === 'string' ? value : '(none)'}`, {
      param,
    });
  }
  return Number(value);
}

/** Metadata as Stripe keeps it: string values, empty ones dropped. */
function metadataOf(value: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(asRecord(value)).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );
}

function money(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first ? first : null;
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomToken(length: number): string {
  return [...randomBytes(length)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

function newId(prefix: string): string {
  return `${prefix}_${randomToken(24)}`;
}
