import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { EventRoutes, JobQueues } from './catalogue';
import { EVENT_ROUTES_TOKEN, HandlerRegistry, JOB_QUEUES_TOKEN } from './handler-registry';

/**
 * The registry of @OnEvent and @OnJob handlers, checked against the composition root's tables
 * at start-up. Only the worker imports it: the api records events but handles none.
 */
@Module({})
export class EventHandlersModule {
  static forRoot(tables: { routes: EventRoutes; jobQueues: JobQueues }): DynamicModule {
    return {
      module: EventHandlersModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: EVENT_ROUTES_TOKEN, useValue: tables.routes },
        { provide: JOB_QUEUES_TOKEN, useValue: tables.jobQueues },
        HandlerRegistry,
      ],
      exports: [HandlerRegistry, EVENT_ROUTES_TOKEN, JOB_QUEUES_TOKEN],
    };
  }
}
