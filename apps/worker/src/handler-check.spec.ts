import { Global, Injectable, Module, Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { BookingEvents, BookingJobs } from '@mutualis/booking';
import {
  EventHandlersModule,
  EventJob,
  EventRoutes,
  HandlerCatalogueError,
  HandlerRegistry,
  JobQueues,
  OnEvent,
  OnJob,
  QueueName,
} from '@mutualis/core';

@Global()
@Module({
  providers: [{ provide: ConfigService, useValue: { get: () => 60 } }],
  exports: [ConfigService],
})
class StubConfigModule {}

/** Routes and jobs of a small worker (the real tables are typed over the whole catalogue). */
const routes = {
  [BookingEvents.Cancelled]: [QueueName.Invoicing, QueueName.Payments],
} as unknown as EventRoutes;
const jobQueues = { [BookingJobs.SweepExpired]: QueueName.Booking } as unknown as JobQueues;

@Injectable()
class InvoicingSide {
  @OnEvent(BookingEvents.Cancelled, QueueName.Invoicing)
  async creditNote(event: EventJob<typeof BookingEvents.Cancelled>) {
    return { invoicing: event.payload.refundPercent };
  }
}

@Injectable()
class PaymentsSide {
  @OnEvent(BookingEvents.Cancelled, QueueName.Payments)
  async refund(event: EventJob<typeof BookingEvents.Cancelled>) {
    return { payments: event.payload.refundCents };
  }
}

@Injectable()
class AnotherPaymentsSide {
  @OnEvent(BookingEvents.Cancelled, QueueName.Payments)
  async refundAgain() {
    return {};
  }
}

@Injectable()
class NotificationsSide {
  @OnEvent(BookingEvents.Cancelled, QueueName.Notifications)
  async mail() {
    return {};
  }
}

@Injectable()
class Sweeper {
  @OnJob(BookingJobs.SweepExpired, QueueName.Booking, { schedule: { every: 60_000 } })
  async sweep() {
    return { swept: 0 };
  }
}

@Injectable()
class SweeperOnTheWrongQueue {
  @OnJob(BookingJobs.SweepExpired, QueueName.Maintenance)
  async sweep() {
    return {};
  }
}

async function start(handlers: Type<unknown>[]) {
  const moduleRef = await Test.createTestingModule({
    imports: [StubConfigModule, EventHandlersModule.forRoot({ routes, jobQueues })],
    providers: handlers,
  }).compile();
  return moduleRef.createNestApplication({ logger: false }).init();
}

async function refusal(handlers: Type<unknown>[]): Promise<HandlerCatalogueError> {
  const error: unknown = await start(handlers).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(HandlerCatalogueError);
  return error as HandlerCatalogueError;
}

describe('the worker start-up check of handlers against routes', () => {
  it('starts when every routed event and every job has exactly one handler, and dispatches to it', async () => {
    const app = await start([InvoicingSide, PaymentsSide, Sweeper]);
    const registry = app.get(HandlerRegistry);
    const job = {
      id: '1',
      name: BookingEvents.Cancelled,
      attemptsMade: 0,
      opts: {},
      data: {
        eventId: 'e',
        type: BookingEvents.Cancelled,
        aggregateId: 'b',
        payload: { refundCents: 900, refundPercent: 50 },
      },
    };
    await expect(registry.dispatch(QueueName.Payments, job)).resolves.toEqual({ payments: 900 });
    await expect(registry.dispatch(QueueName.Invoicing, job)).resolves.toEqual({ invoicing: 50 });
    expect(registry.schedules()).toEqual([
      { queue: QueueName.Booking, name: BookingJobs.SweepExpired, repeat: { every: 60_000 } },
    ]);
    await expect(
      registry.dispatch(QueueName.Booking, { ...job, name: 'booking.unknown' }),
    ).rejects.toThrow('no handler for job booking.unknown on queue booking');
    await app.close();
  });

  it('refuses a routed event without a handler on its queue, naming it', async () => {
    const error = await refusal([InvoicingSide, Sweeper]);
    expect(error.problems).toEqual(['the event booking.cancelled has no handler on payments']);
    expect(error.message).toContain('the event booking.cancelled has no handler on payments');
  });

  it('refuses two handlers of one event on one queue, naming both', async () => {
    const error = await refusal([InvoicingSide, PaymentsSide, AnotherPaymentsSide, Sweeper]);
    expect(error.problems).toEqual([
      'the event booking.cancelled has 2 handlers on payments: PaymentsSide.refund, AnotherPaymentsSide.refundAgain',
    ]);
  });

  it('refuses a handler of an event that is not routed to its queue', async () => {
    const error = await refusal([InvoicingSide, PaymentsSide, NotificationsSide, Sweeper]);
    expect(error.problems).toEqual([
      'NotificationsSide.mail handles booking.cancelled on notifications, where it is not routed',
    ]);
  });

  it('refuses a job without a handler, or handled on another queue, listing every problem', async () => {
    expect((await refusal([InvoicingSide, PaymentsSide])).problems).toEqual([
      'the job booking.sweep-expired has no handler on booking',
    ]);
    expect((await refusal([PaymentsSide, SweeperOnTheWrongQueue])).problems).toEqual([
      'SweeperOnTheWrongQueue.sweep handles the job booking.sweep-expired on maintenance, but it runs on booking',
      'the event booking.cancelled has no handler on invoicing',
      'the job booking.sweep-expired has no handler on booking',
    ]);
  });

  it('refuses a scheduled job with two handlers', async () => {
    @Injectable()
    class SecondSweeper {
      @OnJob(BookingJobs.SweepExpired, QueueName.Booking)
      async sweep() {
        return {};
      }
    }
    expect((await refusal([InvoicingSide, PaymentsSide, Sweeper, SecondSweeper])).problems).toEqual(
      [
        'the job booking.sweep-expired has 2 handlers on booking: Sweeper.sweep, SecondSweeper.sweep',
      ],
    );
  });
});
