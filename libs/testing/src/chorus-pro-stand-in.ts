import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A local stand-in for Chorus Pro behind PISTE, for integration and end-to-end tests (the AIFE's
 * sandbox cannot be reached from here). It answers the shapes of the published specifications
 * (Spécifications externes Chorus Pro, annexe API) for what Mutualis uses:
 *
 *   POST /api/oauth/token                       PISTE's client-credentials grant
 *   POST /cpro/factures/v1/deposer/flux         deposerFlux: a file in base64, its syntax
 *   POST /cpro/transverses/v1/consulterCRDetaille  the file's integration report
 *   POST /cpro/factures/v1/rechercher/fournisseur  rechercherFactureParFournisseur (by number)
 *   POST /cpro/factures/v1/consulter/fournisseur   consulterFactureParFournisseur (its statuses)
 *
 * Every API call needs a bearer token it issued and not expired (else 401) and the technical
 * account's `cpro-account` header (else 403). Scriptable per test: a file's outcome (accepted or
 * rejected with a reason), an invoice's statuses (revealed one per consultation, or advanced by
 * hand: made available, approved, paid, rejected with a reason, suspended), the API down (503 for
 * the next calls), tokens expired early (now, or at the next call to a service).
 *
 * Deliberate simplifications: the invoice number is read from the file name (Chorus Pro reads it
 * from the Factur-X XML); one invoice per file; the integration of a file takes `reportsBeforeVerdict`
 * reports (0 by default: the first report has the verdict).
 */

/** One request the stand-in received (the file's content left out, see `deposits`). */
export interface ChorusProStandInRequest {
  path: string;
  body: Record<string, unknown>;
  status: number;
}

export interface ChorusProDeposit {
  numeroFluxDepot: string;
  nomFichier: string;
  syntaxeFlux: string;
  content: Buffer;
  numeroFacture: string;
  dateDepot: Date;
}

/** What happens to the next files deposited. */
export type ChorusProFlowOutcome = { accept: true } | { reject: string };

interface Flow extends ChorusProDeposit {
  outcome: ChorusProFlowOutcome;
  reportsLeft: number;
  state: string;
  stateAt: Date;
  invoiceId: number | null;
}

interface StatusEntry {
  statutCode: string;
  statutDateHeure: string;
  statutCommentaire: string | null;
}

interface StandInInvoice {
  idFacture: number;
  numeroFacture: string;
  history: StatusEntry[];
  /** Statuses still to reveal, one per consultation. */
  script: { code: string; comment?: string }[];
}

interface Token {
  expiresAt: number;
}

export interface ChorusProStandInOptions {
  /** Dates what it records (deposits, statuses). */
  now?: () => Date;
  /** What the token endpoint says a token lasts, in seconds. */
  tokenLifetimeSeconds?: number;
  /** A fixed port (the demo's); a free one by default. */
  port?: number;
  /** The credentials it accepts; fixed test values by default. */
  credentials?: ChorusProStandInCredentials;
  /** Statuses every accepted invoice goes through when no test scripted its own (the demo's). */
  defaultInvoiceScript?: string[];
}

export interface ChorusProStandInCredentials {
  clientId: string;
  clientSecret: string;
  login: string;
  password: string;
}

const TEST_CREDENTIALS: ChorusProStandInCredentials = {
  clientId: 'mutualis-test-client',
  clientSecret: 'mutualis-test-secret',
  login: 'TECH_1_mutualis@cpro.fr',
  password: 'technical-password',
};
const OK = { codeRetour: 0, libelle: 'TRA_MSG_00.000' };

export class ChorusProStandIn {
  readonly url: string;
  readonly requests: ChorusProStandInRequest[] = [];
  /** Tokens the token endpoint issued, in order. */
  tokensIssued = 0;

  private readonly tokens = new Map<string, Token>();
  private readonly flows = new Map<string, Flow>();
  private readonly invoices = new Map<number, StandInInvoice>();
  private nextOutcomes: ChorusProFlowOutcome[] = [];
  private nextScript: { code: string; comment?: string }[] = [];
  private downFor = 0;
  /** Paths whose next call finds every token expired. */
  private readonly expireAt = new Set<string>();
  private flowCounter = 0;
  private invoiceCounter = 8_316_840;
  private stopped: Promise<void> | undefined;
  /** How many reports say "in progress" before the verdict. */
  reportsBeforeVerdict = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly clock: () => Date,
    private readonly tokenLifetimeSeconds: number,
    private readonly credentials: ChorusProStandInCredentials,
    private readonly defaultScript: string[],
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(options: ChorusProStandInOptions = {}): Promise<ChorusProStandIn> {
    const server = createServer();
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolveListen();
      });
    });
    server.keepAliveTimeout = 60_000;
    const standIn = new ChorusProStandIn(
      server,
      (server.address() as AddressInfo).port,
      options.now ?? (() => new Date()),
      options.tokenLifetimeSeconds ?? 3600,
      options.credentials ?? TEST_CREDENTIALS,
      options.defaultInvoiceScript ?? [],
    );
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      void standIn.handle(req, res);
    });
    return standIn;
  }

  /** The CHORUS_PRO_* settings that point the app at this stand-in. */
  env(): Record<string, string> {
    return {
      CHORUS_PRO_API_URL: `${this.url}/cpro`,
      CHORUS_PRO_TOKEN_URL: `${this.url}/api/oauth/token`,
      CHORUS_PRO_CLIENT_ID: this.credentials.clientId,
      CHORUS_PRO_CLIENT_SECRET: this.credentials.clientSecret,
      CHORUS_PRO_LOGIN: this.credentials.login,
      CHORUS_PRO_PASSWORD: this.credentials.password,
    };
  }

  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolveStop, reject) => {
      this.server.close((error) => (error ? reject(error) : resolveStop()));
      this.server.closeAllConnections();
    });
    return this.stopped;
  }

  /** The files deposited, in order. */
  get deposits(): ChorusProDeposit[] {
    return [...this.flows.values()].map((flow) => ({
      numeroFluxDepot: flow.numeroFluxDepot,
      nomFichier: flow.nomFichier,
      syntaxeFlux: flow.syntaxeFlux,
      content: flow.content,
      numeroFacture: flow.numeroFacture,
      dateDepot: flow.dateDepot,
    }));
  }

  /** Calls to a path (e.g. `/cpro/factures/v1/deposer/flux`), answered or not. */
  callsTo(path: string): ChorusProStandInRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  /** The next files deposited get these outcomes, in order (then accepted). */
  flowOutcomes(...outcomes: ChorusProFlowOutcome[]): void {
    this.nextOutcomes.push(...outcomes);
  }

  /**
   * The next invoices accepted go through these statuses after DEPOSEE, one revealed at each
   * consultation (e.g. MISE_A_DISPOSITION, SERVICE_FAIT, MISE_EN_PAIEMENT).
   */
  invoiceScript(...statuses: (string | { code: string; comment: string })[]): void {
    this.nextScript = statuses.map((status) =>
      typeof status === 'string' ? { code: status } : status,
    );
  }

  /** Moves an invoice (by its number) to a status now, e.g. REJETEE with its motif. */
  advance(numeroFacture: string, code: string, comment: string | null = null): void {
    const invoice = [...this.invoices.values()].find(
      (each) => each.numeroFacture === numeroFacture,
    );
    if (!invoice) throw new Error(`Chorus Pro stand-in: no invoice ${numeroFacture}`);
    this.record(invoice, code, comment);
  }

  /** The statuses of an invoice (by its number) as the stand-in holds them, with their times. */
  statusesOf(numeroFacture: string): { code: string; at: Date; comment: string | null }[] {
    const invoice = [...this.invoices.values()].find(
      (each) => each.numeroFacture === numeroFacture,
    );
    return (invoice?.history ?? []).map((entry) => ({
      code: entry.statutCode,
      at: new Date(entry.statutDateHeure),
      comment: entry.statutCommentaire,
    }));
  }

  /** The Chorus Pro id of an invoice, once its file is integrated. */
  invoiceIdOf(numeroFacture: string): number | null {
    return (
      [...this.invoices.values()].find((each) => each.numeroFacture === numeroFacture)?.idFacture ??
      null
    );
  }

  /** The next `calls` API and token calls answer 503 (Infinity: until `up()`). */
  down(calls = Infinity): void {
    this.downFor = calls;
  }

  up(): void {
    this.downFor = 0;
  }

  /** Every token issued so far stops working now, as if PISTE had expired it early. */
  expireTokens(): void {
    for (const token of this.tokens.values()) token.expiresAt = 0;
  }

  /**
   * Every token stops working when the next call to `path` arrives (below `/cpro`, e.g.
   * `/factures/v1/deposer/flux`): a token that dies in the middle of a flow.
   */
  expireTokensOnNextCallTo(path: string): void {
    this.expireAt.add(`/cpro${path}`);
  }

  private record(invoice: StandInInvoice, code: string, comment: string | null): void {
    // Strictly after the previous status, so each keeps its own time.
    const last = invoice.history.at(-1);
    let at = this.clock();
    if (last && new Date(last.statutDateHeure).getTime() >= at.getTime())
      at = new Date(new Date(last.statutDateHeure).getTime() + 1);
    invoice.history.push({
      statutCode: code,
      statutDateHeure: at.toISOString(),
      statutCommentaire: comment,
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    const answer = (status: number, payload: unknown): void => {
      const { fichierFlux: _content, ...logged } = body;
      this.requests.push({ path, body: logged, status });
      res.writeHead(status, { 'Content-Type': 'application/json;charset=utf-8' });
      res.end(JSON.stringify(payload));
    };
    try {
      if (this.downFor > 0) {
        this.downFor--;
        return answer(503, { error: 'Service Unavailable' });
      }
      if (req.method === 'GET' && path === '/health') return answer(200, { status: 'ok' });
      if (req.method !== 'POST') return answer(405, { error: 'method not allowed' });
      if (path === '/api/oauth/token') {
        body = Object.fromEntries(new URLSearchParams(raw));
        return this.token(body, answer);
      }
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      if (this.expireAt.delete(path)) this.expireTokens();
      const authorization = req.headers.authorization ?? '';
      const token = this.tokens.get(authorization.replace(/^Bearer /, ''));
      if (!token || token.expiresAt <= Date.now()) {
        return answer(401, { error: 'invalid_token', error_description: 'Access token expired' });
      }
      const { login, password } = this.credentials;
      const expectedAccount = Buffer.from(`${login}:${password}`).toString('base64');
      if (req.headers['cpro-account'] !== expectedAccount) {
        return answer(403, { codeRetour: 20001, libelle: 'Compte technique inconnu' });
      }
      switch (path) {
        case '/cpro/factures/v1/deposer/flux':
          return this.deposit(body, answer);
        case '/cpro/transverses/v1/consulterCRDetaille':
          return this.report(body, answer);
        case '/cpro/factures/v1/rechercher/fournisseur':
          return this.search(body, answer);
        case '/cpro/factures/v1/consulter/fournisseur':
          return this.consult(body, answer);
        default:
          return answer(404, { error: `no service at ${path}` });
      }
    } catch (error) {
      return answer(400, { codeRetour: 1, libelle: `requête illisible : ${String(error)}` });
    }
  }

  private token(
    body: Record<string, unknown>,
    answer: (status: number, payload: unknown) => void,
  ): void {
    if (body.grant_type !== 'client_credentials')
      return answer(400, { error: 'unsupported_grant_type' });
    if (
      body.client_id !== this.credentials.clientId ||
      body.client_secret !== this.credentials.clientSecret
    )
      return answer(401, { error: 'invalid_client' });
    const value = randomBytes(24).toString('base64url');
    this.tokens.set(value, { expiresAt: Date.now() + this.tokenLifetimeSeconds * 1000 });
    this.tokensIssued++;
    answer(200, {
      access_token: value,
      token_type: 'Bearer',
      expires_in: this.tokenLifetimeSeconds,
      scope: 'openid',
    });
  }

  private deposit(
    body: Record<string, unknown>,
    answer: (status: number, payload: unknown) => void,
  ): void {
    const { fichierFlux, nomFichier, syntaxeFlux } = body;
    if (typeof fichierFlux !== 'string' || typeof nomFichier !== 'string' || !nomFichier)
      return answer(400, { codeRetour: 1, libelle: 'fichierFlux et nomFichier sont obligatoires' });
    if (typeof syntaxeFlux !== 'string' || !syntaxeFlux.startsWith('IN_DP_'))
      return answer(400, {
        codeRetour: 1,
        libelle: `syntaxeFlux inconnue : ${String(syntaxeFlux)}`,
      });
    const content = Buffer.from(fichierFlux, 'base64');
    if (content.length === 0) return answer(400, { codeRetour: 1, libelle: 'fichier vide' });
    const now = this.clock();
    this.flowCounter++;
    const numeroFluxDepot = `CPP${String(this.flowCounter).padStart(22, '0')}`;
    this.flows.set(numeroFluxDepot, {
      numeroFluxDepot,
      nomFichier,
      syntaxeFlux,
      content,
      numeroFacture: nomFichier.replace(/\.[^.]+$/, ''),
      dateDepot: now,
      outcome: this.nextOutcomes.shift() ?? { accept: true },
      reportsLeft: this.reportsBeforeVerdict,
      state: 'IN_RECU',
      stateAt: now,
      invoiceId: null,
    });
    answer(200, {
      ...OK,
      numeroFluxDepot,
      dateDepot: now.toISOString().slice(0, 10),
      syntaxeFlux,
    });
  }

  private report(
    body: Record<string, unknown>,
    answer: (status: number, payload: unknown) => void,
  ): void {
    const flow = this.flows.get(String(body.numeroFluxDepot));
    if (!flow) return answer(200, { codeRetour: 2, libelle: 'Flux inconnu' });
    if (flow.state === 'IN_RECU' || flow.state === 'IN_EN_COURS_TRAITEMENT_CPP') {
      if (flow.reportsLeft > 0) {
        flow.reportsLeft--;
        flow.state = 'IN_EN_COURS_TRAITEMENT_CPP';
      } else if ('reject' in flow.outcome) {
        flow.state = 'IN_REJETE';
      } else {
        flow.state = 'IN_INTEGRE';
        const invoice: StandInInvoice = {
          idFacture: ++this.invoiceCounter,
          numeroFacture: flow.numeroFacture,
          history: [],
          script:
            this.nextScript.length > 0
              ? this.nextScript
              : this.defaultScript.map((code) => ({ code })),
        };
        this.nextScript = [];
        this.record(invoice, 'DEPOSEE', null);
        this.invoices.set(invoice.idFacture, invoice);
        flow.invoiceId = invoice.idFacture;
      }
      flow.stateAt = this.clock();
    }
    answer(200, {
      ...OK,
      numeroFluxDepot: flow.numeroFluxDepot,
      codeInterfaceDepotFlux: 'FSO1110A',
      dateDepotFlux: flow.dateDepot.toISOString(),
      dateHeureEtatCourantFlux: flow.stateAt.toISOString(),
      etatCourantDepotFlux: flow.state,
      nomFichier: flow.nomFichier,
      listeErreurDP:
        'reject' in flow.outcome && flow.state === 'IN_REJETE'
          ? [
              {
                numeroDP: flow.numeroFacture,
                libelleErreurDP: flow.outcome.reject,
                identifiantFournisseur: null,
                identifiantDestinataire: null,
              },
            ]
          : [],
    });
  }

  private search(
    body: Record<string, unknown>,
    answer: (status: number, payload: unknown) => void,
  ): void {
    const found = [...this.invoices.values()].filter(
      (invoice) => !body.numeroFacture || invoice.numeroFacture === body.numeroFacture,
    );
    answer(200, {
      ...OK,
      pageCourante: 1,
      pages: 1,
      nbResultatsParPage: 10,
      total: found.length,
      listeFactures: found.map((invoice) => ({
        idFacture: invoice.idFacture,
        numeroFacture: invoice.numeroFacture,
        statut: invoice.history.at(-1)!.statutCode,
        dateDepot: invoice.history[0].statutDateHeure.slice(0, 10),
        typeDemandePaiement: 'FACTURE',
      })),
    });
  }

  private consult(
    body: Record<string, unknown>,
    answer: (status: number, payload: unknown) => void,
  ): void {
    const invoice = this.invoices.get(Number(body.identifiantFactureCPP));
    if (!invoice) return answer(200, { codeRetour: 2, libelle: 'Facture inconnue' });
    const next = invoice.script.shift();
    if (next) this.record(invoice, next.code, next.comment ?? null);
    answer(200, {
      ...OK,
      identifiantFactureCPP: invoice.idFacture,
      numeroFacture: invoice.numeroFacture,
      statut: invoice.history.at(-1)!.statutCode,
      historiqueDesStatuts: { histoStatut: invoice.history },
    });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
