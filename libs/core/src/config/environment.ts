import { randomBytes } from 'node:crypto';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';
import {
  DEFAULT_APPLICATION_ROLE,
  databaseUserOf,
  ROLE_NAME_PATTERN,
} from '../database/application-role';

export enum NodeEnv {
  Development = 'development',
  Test = 'test',
  Production = 'production',
}

/**
 * Secrets anyone can read in this repository: the former built-in development default and the
 * placeholder of .env.example. A token signed with one of them would be a forgery, so they are
 * refused whatever NODE_ENV says.
 */
export const PUBLISHED_JWT_SECRETS: readonly string[] = [
  'mutualis-development-secret-change-me-0123456789',
  'change-me-to-a-long-random-secret-of-your-own',
];

let generatedJwtSecret: string | undefined;

/**
 * The secret of this process when JWT_ACCESS_SECRET is unset in development or test: random,
 * made once, so every read of the environment in one process agrees on it. Nobody else knows
 * it, so nobody can forge a token; the price is that tokens die with the process.
 */
function processJwtSecret(): string {
  generatedJwtSecret ??= randomBytes(48).toString('base64url');
  return generatedJwtSecret;
}

/** Whether this secret was generated for this process because JWT_ACCESS_SECRET was unset. */
export function isGeneratedJwtSecret(secret: string): boolean {
  return generatedJwtSecret !== undefined && secret === generatedJwtSecret;
}

/**
 * The development default for MFA_ENCRYPTION_KEY (32 bytes, base64), public in the source like
 * the demo password: it only lets development and test processes share the demo's TOTP secrets
 * (the seed writes them, the api reads them). Refused in production.
 */
export const DEVELOPMENT_MFA_ENCRYPTION_KEY = Buffer.from(
  'mutualis-development-mfa-key-32b',
).toString('base64');

const toBoolean = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? ['true', '1', 'yes'].includes(value.toLowerCase()) : value;

const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0)
    : value;

/**
 * Every environment variable the apps read, with its default. Values are validated at
 * start-up; a bad or missing one stops the process with one line per problem.
 */
export class Environment {
  @IsEnum(NodeEnv)
  NODE_ENV: NodeEnv = NodeEnv.Development;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_HEALTH_PORT = 3001;

  @IsString()
  HOST = '0.0.0.0';

  /**
   * The owner's connection: migrations run as its user, which owns every table. The api and the
   * worker use only its server and database, and connect as APP_DATABASE_USER.
   */
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/mutualis';

  /**
   * The role the api and the worker connect as: created by the migrator when missing, it owns
   * nothing and may not delete nor truncate invoices, their payments or the audit trails.
   */
  @Matches(ROLE_NAME_PATTERN, {
    message: 'APP_DATABASE_USER must be 1-63 lower-case letters, digits or _',
  })
  APP_DATABASE_USER = DEFAULT_APPLICATION_ROLE;

  /** The application role's password, set on it by the migrator; unset under trust authentication. */
  @IsOptional()
  @IsString()
  APP_DATABASE_PASSWORD?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key (queues, rate limits), so several deployments or test runs share one Redis. */
  @Matches(/^[a-z0-9][a-z0-9_-]{0,62}$/i, {
    message: 'REDIS_PREFIX must be 1-63 letters, digits, - or _',
  })
  REDIS_PREFIX = 'mutualis';

  /** Unset: refused in production; generated per process in development and test. */
  @IsString()
  @MinLength(32, { message: 'JWT_ACCESS_SECRET must be at least 32 characters long' })
  JWT_ACCESS_SECRET!: string;

  /**
   * Key that encrypts TOTP secrets at rest (AES-256-GCM): 32 random bytes in base64
   * (`openssl rand -base64 32`). Required in production.
   */
  @IsString()
  MFA_ENCRYPTION_KEY = DEVELOPMENT_MFA_ENCRYPTION_KEY;

  /** Lifetime of an access token, in seconds. */
  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(86_400)
  JWT_ACCESS_TTL_SECONDS = 900;

  /** Lifetime of a refresh token family, in seconds. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(31_536_000)
  REFRESH_TOKEN_TTL_SECONDS = 2_592_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(8_760)
  INVITATION_TTL_HOURS = 168;

  /** How long an e-mail verification link (sign-up, change of address) works, in hours. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(720)
  EMAIL_VERIFICATION_TTL_HOURS = 48;

  /** How long a password reset link works, in minutes. */
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(1_440)
  PASSWORD_RESET_TTL_MINUTES = 60;

  /** Seconds a user waits between two verification e-mails they ask for. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400)
  VERIFICATION_EMAIL_COOLDOWN_SECONDS = 60;

  /** How often the worker's outbox relay looks for new events when idle, in milliseconds. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60_000)
  OUTBOX_POLL_MS = 200;

  /** How long a new booking holds its seats awaiting payment, in seconds. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  BOOKING_HOLD_SECONDS = 1800;

  /** How often the worker sweeps holds and offers whose expiry job was lost, in seconds. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  BOOKING_SWEEP_SECONDS = 60;

  /** How long a waitlist offer holds its seats for the member to accept, in seconds. */
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(604_800)
  WAITLIST_OFFER_SECONDS = 86_400;

  /**
   * Unpaid places (held seats or slots, waitlist offers) one organisation may hold at once.
   * Ten lets a team book a typical session (8–20 seats) while keeping any one organisation,
   * member or not, from emptying it for free; more is booked once the first booking is paid.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  BOOKING_UNPAID_PLACES_PER_ORGANISATION = 10;

  /** The same cap per user across all their organisations, so new organisations multiply nothing. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  BOOKING_UNPAID_PLACES_PER_USER = 10;

  /** Directory where rendered invoice PDFs are stored (shared by every worker replica). */
  @IsString()
  INVOICE_STORAGE_DIR = './var/invoices';

  /** Directory where generated documents (conventions, attendance sheets…) are stored, never overwritten. */
  @IsString()
  DOCUMENT_STORAGE_DIR = './var/documents';

  /** Stripe secret key; without it, card payment answers 503 and bank transfer still works. */
  @IsOptional()
  @Matches(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, {
    message: 'STRIPE_SECRET_KEY must look like sk_test_… or sk_live_…',
  })
  STRIPE_SECRET_KEY?: string;

  /** Secret of the webhook endpoint, to verify Stripe's signatures. */
  @IsOptional()
  @Matches(/^whsec_[A-Za-z0-9]+$/, { message: 'STRIPE_WEBHOOK_SECRET must look like whsec_…' })
  STRIPE_WEBHOOK_SECRET?: string;

  /** Another Stripe API host (tests use a local stand-in), e.g. http://127.0.0.1:12111. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  STRIPE_API_BASE?: string;

  /**
   * Chorus Pro, where public buyers' invoices are deposited (through PISTE): the API's base
   * (production https://api.piste.gouv.fr/cpro, sandbox https://sandbox-api.piste.gouv.fr/cpro).
   * Without it and the five below, a public buyer's invoice waits, visibly, in
   * `awaiting_configuration` until they are set.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  CHORUS_PRO_API_URL?: string;

  /** PISTE's OAuth2 token endpoint, e.g. https://sandbox-oauth.piste.gouv.fr/api/oauth/token. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  CHORUS_PRO_TOKEN_URL?: string;

  /** The PISTE application's client id (client credentials grant). */
  @IsOptional()
  @IsString()
  CHORUS_PRO_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  CHORUS_PRO_CLIENT_SECRET?: string;

  /** The Chorus Pro technical account (TECH_1_…@cpro.fr), sent in the cpro-account header. */
  @IsOptional()
  @IsString()
  CHORUS_PRO_LOGIN?: string;

  @IsOptional()
  @IsString()
  CHORUS_PRO_PASSWORD?: string;

  /** First wait before asking Chorus Pro how a deposit or an invoice is doing, in ms; doubles each time. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  CHORUS_PRO_POLL_INITIAL_MS = 60_000;

  /** Longest wait between two questions to Chorus Pro, in ms (6 h: an invoice takes weeks to be paid). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(604_800_000)
  CHORUS_PRO_POLL_MAX_MS = 21_600_000;

  /** First wait before trying Chorus Pro again after it failed (down, timeout), in ms; doubles each time. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  CHORUS_PRO_RETRY_INITIAL_MS = 30_000;

  /** Time allowed for one call to Chorus Pro, in ms. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(300_000)
  CHORUS_PRO_TIMEOUT_MS = 30_000;

  /** Login attempts allowed per e-mail and client address within the window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_MAX = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_WINDOW_SECONDS = 60;

  /**
   * Login attempts allowed per client address within the window, whatever the e-mail: checked
   * before any password is hashed, so one address cannot keep the hashing line full.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_ADDRESS_MAX = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_ADDRESS_WINDOW_SECONDS = 60;

  /** Logins from one client address checked at once (per api process); more answer 429 at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000)
  RATE_LIMIT_LOGIN_ADDRESS_CONCURRENCY = 2;

  /** Password hashes (argon2id, ~0.1 s of a core and 64 MiB each) computed at once per process. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  PASSWORD_HASH_CONCURRENCY = 2;

  /** Hashes that may wait for a free slot; beyond, logins and sign-ups answer 503 with Retry-After. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000)
  PASSWORD_HASH_QUEUE_MAX = 16;

  /** Invitations an organisation may send in any 24 hours. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  INVITATION_QUOTA_PER_ORGANISATION = 20;

  /** Invitations one user may send in any 24 hours, over all their organisations. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  INVITATION_QUOTA_PER_USER = 50;

  /** Registrations allowed per client address within the window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REGISTER_MAX = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REGISTER_WINDOW_SECONDS = 3600;

  /** Registrations allowed per e-mail address (from anywhere) within the register window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REGISTER_EMAIL_MAX = 3;

  /** Password reset requests allowed per client address within the window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PASSWORD_RESET_MAX = 10;

  /** Password reset requests allowed per e-mail address (from anywhere) within the window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PASSWORD_RESET_EMAIL_MAX = 3;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PASSWORD_RESET_WINDOW_SECONDS = 3600;

  /** Origins allowed by CORS, comma-separated; empty allows none but same-origin. */
  @Transform(toList)
  @IsUrl({ require_tld: false, require_protocol: true }, { each: true })
  CORS_ORIGINS: string[] = ['http://localhost:5173', 'http://localhost:3000'];

  /** Number of reverse proxies in front of the api, so client addresses are read right. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS = 0;

  /** Base URL of the web app, for links in e-mails and invitations. */
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_WEB_URL = 'http://localhost:3000';

  /** The built web app the api serves outside /api; by default dist/web beside the api's build. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  WEB_DIST_DIR?: string;

  /**
   * Where e-mail goes: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465.
   * Without it the worker logs every message as skipped; required in production.
   */
  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL?: string;

  /** Sender address of every e-mail; the display name is the Chambre's. */
  @IsEmail({ require_tld: false })
  MAIL_FROM = 'ne-pas-repondre@mutualis.localhost';

  /** Attempts per e-mail before it is logged as failed, with exponential backoff. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  MAIL_MAX_ATTEMPTS = 8;

  /**
   * Jobs of the notifications queue run per second, over every worker (BullMQ's global rate
   * limit, kept in Redis): what keeps an import's 16,600 invitations from hitting the SMTP
   * server at once. Each e-mail is two jobs (planning, then sending): allow about twice the
   * sends per second the SMTP server accepts. 0: no limit.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000)
  MAIL_RATE_PER_SECOND = 20;

  /** First retry delay of an e-mail, in milliseconds; doubles each attempt (30 s → about 1 h). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  MAIL_RETRY_DELAY_MS = 30_000;

  @IsEnum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toBoolean)
  @IsBoolean()
  LOG_PRETTY = false;

  /** Password of the seeded demo accounts. */
  @IsString()
  @MinLength(8)
  DEMO_PASSWORD = 'mutualis-demo';

  @IsOptional()
  @IsString()
  TZ?: string;

  /** Days after a service's start when its attendees' names and e-mails are anonymised (3 years). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(36_500)
  ATTENDEE_RETENTION_DAYS = 1_095;

  /** Days after sending when a message's rendered data (names, addresses, amounts) is dropped. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(36_500)
  MAIL_DATA_RETENTION_DAYS = 365;
}

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

const SECRET_VARIABLES = new Set([
  'JWT_ACCESS_SECRET',
  'DATABASE_URL',
  'APP_DATABASE_PASSWORD',
  'REDIS_URL',
  'DEMO_PASSWORD',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'SMTP_URL',
  'MFA_ENCRYPTION_KEY',
  'CHORUS_PRO_CLIENT_SECRET',
  'CHORUS_PRO_PASSWORD',
]);

/** One line per variable: its name, what is wrong, and the value given unless it is a secret. */
function describe(errors: ValidationError[], raw: Record<string, unknown>): string[] {
  return errors.map((error) => {
    const shown = SECRET_VARIABLES.has(error.property)
      ? ''
      : ` (got ${JSON.stringify(raw[error.property] ?? error.value)})`;
    const messages = Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
    );
    return `${error.property}: ${messages.join('; ')}${shown}`;
  });
}

/** Validates raw variables (process.env) into a typed Environment, or throws one line per problem. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const present = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
  const nodeEnv = present.NODE_ENV ?? NodeEnv.Development;
  const secretMissing = present.JWT_ACCESS_SECRET === undefined;
  // No usable default ships: outside production a missing secret is replaced by one nobody knows.
  if (secretMissing && (nodeEnv === NodeEnv.Development || nodeEnv === NodeEnv.Test)) {
    present.JWT_ACCESS_SECRET = processJwtSecret();
  }
  const environment = plainToInstance(Environment, present, { exposeDefaultValues: true });
  const problems = describe(validateSync(environment), present).filter(
    (problem) => !(secretMissing && problem.startsWith('JWT_ACCESS_SECRET:')),
  );
  if (secretMissing && environment.JWT_ACCESS_SECRET === undefined) {
    problems.push(
      'JWT_ACCESS_SECRET: must be set to a secret of your own of at least 32 characters ' +
        '(e.g. `openssl rand -base64 48`); only development runs without one',
    );
  }
  if (PUBLISHED_JWT_SECRETS.includes(String(present.JWT_ACCESS_SECRET))) {
    problems.push(
      'JWT_ACCESS_SECRET: is a value published in the source code, so anyone could sign tokens with it; set a secret of your own',
    );
  }
  if (!/^[A-Za-z0-9+/]{43}=$/.test(environment.MFA_ENCRYPTION_KEY ?? '')) {
    problems.push('MFA_ENCRYPTION_KEY: must be 32 bytes in base64 (openssl rand -base64 32)');
  } else if (
    environment.NODE_ENV === NodeEnv.Production &&
    environment.MFA_ENCRYPTION_KEY === DEVELOPMENT_MFA_ENCRYPTION_KEY
  ) {
    problems.push('MFA_ENCRYPTION_KEY: must be set to a key of your own in production');
  }
  if (
    environment.DATABASE_URL &&
    environment.APP_DATABASE_USER &&
    URL.canParse(environment.DATABASE_URL) &&
    databaseUserOf(environment.DATABASE_URL) === environment.APP_DATABASE_USER
  ) {
    problems.push(
      'APP_DATABASE_USER: must not be the user of DATABASE_URL, which owns the tables: the apps ' +
        'connect as a role that owns nothing',
    );
  }
  if (environment.NODE_ENV === NodeEnv.Production && !environment.SMTP_URL) {
    problems.push('SMTP_URL: must be set in production, or no e-mail is ever sent');
  }
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return environment;
}
