import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { Queue } from 'bullmq';
import { NextFunction, Request, Response } from 'express';
import {
  Environment,
  PROBLEM_CONTENT_TYPE,
  problemType,
  QueueName,
  redisConnectionOptions,
} from '@mutualis/core';
import { AccessTokenClaims, hasRole, ResolveActorUseCase } from '@mutualis/identity';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const TOKEN_COOKIE = 'mutualis_access_token';

function tokenOf(request: Request): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  const cookie = request.headers.cookie
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${TOKEN_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(TOKEN_COOKIE.length + 1)) : null;
}

function refuse(response: Response, status: 401 | 403, detail: string): void {
  response
    .status(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(
      JSON.stringify({
        type: problemType(status === 401 ? 'unauthenticated' : 'forbidden'),
        title: status === 401 ? 'Unauthorized' : 'Forbidden',
        status,
        detail,
        code: status === 401 ? 'unauthenticated' : 'forbidden',
      }),
    );
}

/**
 * BullMQ's dashboard (bull-board) for the Chambre's admins: every queue, its failed jobs and
 * their errors, with retry. The access token comes as a Bearer header or, from a browser, in
 * the `mutualis_access_token` cookie the web app sets.
 */
@Injectable()
export class QueueDashboard implements OnApplicationShutdown {
  private queues: Queue[] = [];
  private showQueues: ((queues: BullMQAdapter[]) => void) | null = null;

  constructor(
    private readonly config: ConfigService<Environment, true>,
    private readonly jwt: JwtService,
    private readonly resolveActor: ResolveActorUseCase,
  ) {}

  mount(app: NestExpressApplication): void {
    const board = new ExpressAdapter();
    board.setBasePath(QUEUE_DASHBOARD_PATH);
    const { replaceQueues } = createBullBoard({ queues: [], serverAdapter: board });
    this.showQueues = replaceQueues;
    app.use(
      QUEUE_DASHBOARD_PATH,
      (request: Request, response: Response, next: NextFunction) =>
        void this.adminsOnly(request, response, next),
      board.getRouter(),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
  }

  private async adminsOnly(
    request: Request,
    response: Response,
    next: NextFunction,
  ): Promise<void> {
    const token = tokenOf(request);
    if (!token) return refuse(response, 401, 'an admin access token is required');
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
      const actor = await this.resolveActor.execute(claims.sub, claims.sid);
      if (!hasRole(actor, 'admin'))
        return refuse(response, 403, 'the queue dashboard is for the Chambre’s admins');
    } catch {
      return refuse(response, 401, 'the access token is invalid or expired');
    }
    this.connectQueues();
    next();
  }

  /** Queues open on the first admin visit, so an api never visited opens no Redis connection for them. */
  private connectQueues(): void {
    if (this.queues.length > 0) return;
    const connection = redisConnectionOptions(this.config.get('REDIS_URL', { infer: true }));
    const prefix = `${this.config.get('REDIS_PREFIX', { infer: true })}:bull`;
    this.queues = Object.values(QueueName).map((name) => new Queue(name, { connection, prefix }));
    for (const queue of this.queues) queue.on('error', () => undefined);
    this.showQueues?.(this.queues.map((queue) => new BullMQAdapter(queue)));
  }
}
