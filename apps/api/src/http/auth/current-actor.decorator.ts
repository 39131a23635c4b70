import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { Actor } from '@mutualis/identity';

export type AuthenticatedActor = Actor & { sessionId: string };

/** The authenticated caller, as the JWT strategy resolved it. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedActor => {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedActor }>();
    if (!request.user) throw new Error('CurrentActor used on a route without authentication');
    return request.user;
  },
);
