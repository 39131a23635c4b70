import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Request } from 'express';
import { Observable } from 'rxjs';
import { actorLabelForRoles, runWithAuditContext } from '@mutualis/core';
import { AuthenticatedActor } from './auth/current-actor.decorator';

/**
 * Gives every request's audit entries their actor and request id. An interceptor, not a
 * middleware: it runs after the guards, so the caller is authenticated by then; and it wraps
 * the handler, which Nest runs inside the interceptor's async context.
 */
@Injectable()
export class AuditContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context
      .switchToHttp()
      .getRequest<Request & { id?: unknown; user?: Partial<AuthenticatedActor> }>();
    // On the login route `user` is the User the local strategy checked, not yet an actor.
    const { userId, roles } = request.user ?? {};
    return runWithAuditContext(
      {
        // pino-http's id for the request, echoed to the caller as X-Request-Id.
        requestId: typeof request.id === 'string' ? request.id : null,
        actor:
          typeof userId === 'string' && Array.isArray(roles)
            ? { userId, label: actorLabelForRoles(roles) }
            : null,
      },
      () => next.handle(),
    );
  }
}
