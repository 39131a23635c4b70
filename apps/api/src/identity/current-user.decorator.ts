import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { User } from '@mutualis/identity';

/** The user the local strategy authenticated (login route only). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): User => {
    const request = context.switchToHttp().getRequest<Request & { user?: User }>();
    if (!request.user) throw new Error('CurrentUser used on a route without the local strategy');
    return request.user;
  },
);
