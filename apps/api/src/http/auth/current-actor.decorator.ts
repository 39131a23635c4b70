import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { ResolvedActor } from '@mutualis/identity';

export type AuthenticatedActor = ResolvedActor;

/** The authenticated caller, as the JWT strategy resolved it. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedActor => {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedActor }>();
    if (!request.user) throw new Error('CurrentActor used on a route without authentication');
    return request.user;
  },
);

/** The caller when they sent a valid access token, else null (routes marked @OptionalAuth()). */
export const OptionalActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedActor | null =>
    context.switchToHttp().getRequest<Request & { user?: AuthenticatedActor }>().user ?? null,
);
