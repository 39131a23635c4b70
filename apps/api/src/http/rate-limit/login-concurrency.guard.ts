import {
  CanActivate,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Request, Response } from 'express';
import { Environment } from '@mutualis/core';
import { clientAddressKey, isRateLimited } from './rate-limit';

/**
 * At most RATE_LIMIT_LOGIN_ADDRESS_CONCURRENCY logins from one client address are checked at
 * once by this process; more are refused at once (429, Retry-After: 1) without a password
 * hash, and without spending the address's budget. The per-address budget alone bounds how
 * many logins an address may try in a minute, but a burst of them all at once would still
 * take every place in the hashing line, ahead of everyone else's login.
 */
@Injectable()
export class LoginConcurrencyGuard implements CanActivate {
  private readonly inFlight = new Map<string, number>();
  private readonly limit: number;

  constructor(config: ConfigService<Environment, true>) {
    this.limit = config.get('RATE_LIMIT_LOGIN_ADDRESS_CONCURRENCY', { infer: true });
  }

  canActivate(context: ExecutionContext): boolean {
    if (!isRateLimited(context, 'login')) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const key = clientAddressKey(request.ip);
    const running = this.inFlight.get(key) ?? 0;
    if (running >= this.limit) {
      response.setHeader('Retry-After', '1');
      throw new HttpException(
        'a login from this address is already being checked; try again in a moment',
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    this.inFlight.set(key, running + 1);
    // 'close' comes once the answer is sent or the client went away, whichever first.
    response.once('close', () => {
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
    });
    return true;
  }
}
