import {
  ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerOptions } from '@nestjs/throttler';
import { Request, Response } from 'express';

export type RateLimitName = 'login' | 'register' | 'password-reset';

const RATE_LIMITED = 'mutualis:rate-limited';

/** Puts a route under one of the named limits below; routes without it are not throttled. */
export const RateLimited = (name: RateLimitName): MethodDecorator =>
  SetMetadata(RATE_LIMITED, name);

function appliesTo(name: RateLimitName) {
  return (context: ExecutionContext): boolean =>
    Reflect.getMetadata(RATE_LIMITED, context.getHandler()) !== name;
}

function emailOf(request: Record<string, unknown>): string {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
}

export interface RateLimitSettings {
  loginMax: number;
  loginWindowSeconds: number;
  registerMax: number;
  registerWindowSeconds: number;
  registerEmailMax: number;
  passwordResetMax: number;
  passwordResetEmailMax: number;
  passwordResetWindowSeconds: number;
}

/**
 * Login attempts count per e-mail and client address, so one attacker cannot lock a user out
 * from everywhere; registrations count per address.
 */
export function rateLimitThrottlers(settings: RateLimitSettings): ThrottlerOptions[] {
  return [
    {
      name: 'login',
      limit: settings.loginMax,
      ttl: settings.loginWindowSeconds * 1000,
      skipIf: appliesTo('login'),
      getTracker: (request) => `${String(request.ip)}|${emailOf(request)}`,
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
