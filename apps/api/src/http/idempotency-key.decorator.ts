import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { RequestValidationException } from './request-validation.exception';

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header, when sent: 1 to 255 visible ASCII characters (a UUID does). */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => {
    const value = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !KEY.test(value)) {
      throw new RequestValidationException([
        {
          field: 'Idempotency-Key',
          message: 'must be 1 to 255 visible ASCII characters, such as a UUID',
        },
      ]);
    }
    return value;
  },
);
