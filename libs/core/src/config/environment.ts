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

export enum NodeEnv {
  Development = 'development',
  Test = 'test',
  Production = 'production',
}

/** The development default for JWT_ACCESS_SECRET; refused in production. */
export const DEVELOPMENT_JWT_SECRET = 'mutualis-development-secret-change-me-0123456789';

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

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/mutualis';

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

  @IsString()
  @MinLength(32, { message: 'JWT_ACCESS_SECRET must be at least 32 characters long' })
  JWT_ACCESS_SECRET = DEVELOPMENT_JWT_SECRET;

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

  /** Directory where rendered invoice PDFs are stored (shared by every worker replica). */
  @IsString()
  INVOICE_STORAGE_DIR = './var/invoices';

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

  /** Login attempts allowed per e-mail and client address within the window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_MAX = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_WINDOW_SECONDS = 60;

  /** Registrations allowed per client address within the window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REGISTER_MAX = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REGISTER_WINDOW_SECONDS = 3600;

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
  'REDIS_URL',
  'DEMO_PASSWORD',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'SMTP_URL',
  'MFA_ENCRYPTION_KEY',
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
  const environment = plainToInstance(Environment, present, { exposeDefaultValues: true });
  const problems = describe(validateSync(environment), present);
  if (
    environment.NODE_ENV === NodeEnv.Production &&
    environment.JWT_ACCESS_SECRET === DEVELOPMENT_JWT_SECRET
  ) {
    problems.push('JWT_ACCESS_SECRET: must be set to a secret of your own in production');
  }
  if (!/^[A-Za-z0-9+/]{43}=$/.test(environment.MFA_ENCRYPTION_KEY ?? '')) {
    problems.push('MFA_ENCRYPTION_KEY: must be 32 bytes in base64 (openssl rand -base64 32)');
  } else if (
    environment.NODE_ENV === NodeEnv.Production &&
    environment.MFA_ENCRYPTION_KEY === DEVELOPMENT_MFA_ENCRYPTION_KEY
  ) {
    problems.push('MFA_ENCRYPTION_KEY: must be set to a key of your own in production');
  }
  if (environment.NODE_ENV === NodeEnv.Production && !environment.SMTP_URL) {
    problems.push('SMTP_URL: must be set in production, or no e-mail is ever sent');
  }
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return environment;
}
