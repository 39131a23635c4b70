import {
  ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerOptions } from '@nestjs/throttler';
import { isIPv6 } from 'node:net';
import { Request, Response } from 'express';
import { normaliseEmail } from '@mutualis/identity';

export type RateLimitName = 'login' | 'register' | 'password-reset';

const RATE_LIMITED = 'mutualis:rate-limited';

/** Puts a route under one of the named limits below; routes without it are not throttled. */
export const RateLimited = (name: RateLimitName): MethodDecorator =>
  SetMetadata(RATE_LIMITED, name);

/** Whether a handler is under the named limit. */
export function isRateLimited(context: ExecutionContext, name: RateLimitName): boolean {
  return Reflect.getMetadata(RATE_LIMITED, context.getHandler()) === name;
}

function appliesTo(name: RateLimitName) {
  return (context: ExecutionContext): boolean =>
    Reflect.getMetadata(RATE_LIMITED, context.getHandler()) !== name;
}

/** The address as identity stores and looks it up, so no spelling of it opens a fresh counter. */
function emailOf(request: Record<string, unknown>): string {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? normaliseEmail(body.email) : '';
}

/**
 * Whom a client address stands for: an IPv4 address itself; an IPv6 address by its /64, the
 * block one subscriber (one box, one office) is given, so rotating through it buys nothing.
 */
export function clientAddressKey(ip: string | undefined): string {
  const address = (ip ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

export interface RateLimitSettings {
  loginMax: number;
  loginWindowSeconds: number;
  loginAddressMax: number;
  loginAddressWindowSeconds: number;
  registerMax: number;
  registerWindowSeconds: number;
  registerEmailMax: number;
  passwordResetMax: number;
  passwordResetEmailMax: number;
  passwordResetWindowSeconds: number;
}

/**
 * Login attempts count per client address, whatever the e-mail (one address flooding logins
 * with made-up e-mails, each costing a password hash, is cut off before any hashing), and per
 * e-mail and client address, so one attacker cannot lock a user out from everywhere;
 * registrations count per address. The guard runs before the login guard that hashes.
 */
export function rateLimitThrottlers(settings: RateLimitSettings): ThrottlerOptions[] {
  return [
    {
      name: 'login-address',
      limit: settings.loginAddressMax,
      ttl: settings.loginAddressWindowSeconds * 1000,
      skipIf: appliesTo('login'),
      getTracker: (request) => clientAddressKey(request.ip as string | undefined),
    },
    {
      name: 'login',
      limit: settings.loginMax,
      ttl: settings.loginWindowSeconds * 1000,
      skipIf: appliesTo('login'),
      getTracker: (request) =>
        `${clientAddressKey(request.ip as string | undefined)}|${emailOf(request)}`,
    },
    {
      name: 'register',
      limit: settings.registerMax,
      ttl: settings.registerWindowSeconds * 1000,
      skipIf: appliesTo('register'),
      getTracker: (request) => String(request.ip),
    },
    // A taken address is e-mailed about each sign-up attempt: per-address counts keep anyone
    // from flooding its owner with those notices, and answer the same for any address.
    {
      name: 'register-email',
      limit: settings.registerEmailMax,
      ttl: settings.registerWindowSeconds * 1000,
      skipIf: appliesTo('register'),
      getTracker: (request) => `email|${emailOf(request)}`,
    },
    // Reset requests count per client address, and per e-mail from everywhere, so nobody can
    // flood one mailbox with reset links.
    {
      name: 'password-reset',
      limit: settings.passwordResetMax,
      ttl: settings.passwordResetWindowSeconds * 1000,
      skipIf: appliesTo('password-reset'),
      getTracker: (request) => String(request.ip),
    },
    {
      name: 'password-reset-email',
      limit: settings.passwordResetEmailMax,
      ttl: settings.passwordResetWindowSeconds * 1000,
      skipIf: appliesTo('password-reset'),
      getTracker: (request) => `email|${emailOf(request)}`,
    },
  ];
}

/** ThrottlerGuard answering 429 with a standard Retry-After header. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const response = context.switchToHttp().getResponse<Response>();
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire || detail.timeToExpire));
    response.setHeader('Retry-After', String(retryAfter));
    const request = context.switchToHttp().getRequest<Request>();
    const what = request.path.endsWith('/login') ? 'login attempts' : 'requests';
    throw new HttpException(
      `too many ${what}; try again in ${retryAfter} s`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
