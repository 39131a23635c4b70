import { ChannelRefusedError, ChannelUnavailableError } from '../transmission-channel';

/** How to reach Chorus Pro through PISTE. */
export interface ChorusProSettings {
  /** The API's base, up to `/cpro` (e.g. https://sandbox-api.piste.gouv.fr/cpro). */
  apiUrl: string;
  /** PISTE's OAuth2 token endpoint. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The Chorus Pro technical account, sent as `cpro-account: base64(login:password)`. */
  login: string;
  password: string;
  timeoutMs: number;
}

/** A token is renewed this long before PISTE says it expires, so none dies in flight. */
const EXPIRY_MARGIN_MS = 30_000;

interface CachedToken {
  value: string;
  expiresAt: number;
}

/** Longest part of an error body kept in a message (and so in `last_error`). */
const BODY_EXCERPT = 300;

/**
 * Calls Chorus Pro's JSON services through PISTE: a bearer token from the client-credentials
 * grant, cached until it expires, plus the technical account header. A 401 in the middle of a
 * flow (a token PISTE revoked or expired early) gets one new token and one retry of the call:
 * PISTE refuses the call before Chorus Pro sees it, so retrying deposits nothing twice.
 */
export class ChorusProClient {
  private token: CachedToken | null = null;
  /** One token request at a time: concurrent calls share it. */
  private pendingToken: Promise<CachedToken> | null = null;

  constructor(
    private readonly settings: ChorusProSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** POSTs `body` to `path` (below the API's base) and answers the JSON body. */
  async post<T>(path: string, body: unknown): Promise<T> {
    const token = await this.accessToken();
    let response = await this.send(path, body, token);
    if (response.status === 401) {
      // Dropped only if no other call has replaced it already: one new token per expiry.
      if (this.token?.value === token) this.token = null;
      response = await this.send(path, body, await this.accessToken());
    }
    if (response.ok) return (await response.json()) as T;
    const excerpt = (await response.text().catch(() => '')).slice(0, BODY_EXCERPT);
    const message = `Chorus Pro ${path} answered ${response.status}${excerpt ? `: ${excerpt}` : ''}`;
    if (response.status >= 500 || response.status === 429)
      throw new ChannelUnavailableError(message);
    throw new ChannelRefusedError(message);
  }

  private async send(path: string, body: unknown, token: string): Promise<Response> {
    const account = Buffer.from(`${this.settings.login}:${this.settings.password}`).toString(
      'base64',
    );
    return this.fetch(`${this.settings.apiUrl.replace(/\/+$/, '')}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'cpro-account': account,
        'Content-Type': 'application/json;charset=utf-8',
        Accept: 'application/json;charset=utf-8',
      },
      body: JSON.stringify(body),
    });
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.now()) return this.token.value;
    this.pendingToken ??= this.requestToken().finally(() => {
      this.pendingToken = null;
    });
    this.token = await this.pendingToken;
    return this.token.value;
  }

  private async requestToken(): Promise<CachedToken> {
    const response = await this.fetch(this.settings.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.settings.clientId,
        client_secret: this.settings.clientSecret,
        scope: 'openid',
      }).toString(),
    });
    if (!response.ok) {
      const message = `PISTE's token endpoint answered ${response.status}`;
      // Wrong credentials stay wrong: the staff must fix them, retrying cannot.
      if (response.status >= 500 || response.status === 429)
        throw new ChannelUnavailableError(message);
      throw new ChannelRefusedError(message);
    }
    const answer = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof answer.access_token !== 'string' || answer.access_token.length === 0) {
      throw new ChannelUnavailableError('PISTE answered a token response without access_token');
    }
    const lifetimeMs = (typeof answer.expires_in === 'number' ? answer.expires_in : 3600) * 1000;
    return {
      value: answer.access_token,
      expiresAt: this.now() + Math.max(0, lifetimeMs - EXPIRY_MARGIN_MS),
    };
  }

  /** fetch with the configured timeout; a network failure or a timeout is "unavailable". */
  private async fetch(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.settings.timeoutMs) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ChannelUnavailableError(`Chorus Pro could not be reached (${reason})`);
    }
  }
}
