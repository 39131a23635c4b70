import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import {
  CoreConfigModule,
  DatabaseModule,
  EventHandlersModule,
  LoggingModule,
  OutboxModule,
  OutboxRelay,
  QueueModule,
  QueueName,
  ReadinessService,
  RedisModule,
} from '@mutualis/core';
import { AccountingModule } from '@mutualis/accounting';
import { BookingModule } from '@mutualis/booking';
import { CatalogueModule } from '@mutualis/catalogue';
import { IdentityModule } from '@mutualis/identity';
import { InvoicingModule } from '@mutualis/invoicing';
import { MembershipModule } from '@mutualis/membership';
import { TrainingModule } from '@mutualis/training';
import { MailRateLimit, NotificationsModule } from '@mutualis/notifications';
import { PaymentsModule } from '@mutualis/payments';
import { PrivacyModule } from '@mutualis/privacy';
import { ReconciliationModule } from '@mutualis/reconciliation';
import { WorkerHealthController } from './health/health.controller';
import { EVENT_ROUTES, JOB_QUEUES } from './event-routes';
import { QUEUE_CONSUMERS } from './queue-consumers';

@Module({
  imports: [
    CoreConfigModule,
    LoggingModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    OutboxModule,
    BullModule.registerQueue(
      { name: QueueName.Maintenance },
      { name: QueueName.Booking },
      { name: QueueName.Invoicing },
      { name: QueueName.Payments },
      { name: QueueName.Notifications },
      { name: QueueName.Reconciliation },
      { name: QueueName.Accounting },
      { name: QueueName.Membership },
      { name: QueueName.Training },
    ),
    IdentityModule,
    CatalogueModule,
    BookingModule,
    InvoicingModule,
    PaymentsModule,
    MembershipModule,
    TrainingModule,
    NotificationsModule,
    ReconciliationModule,
    AccountingModule,
    PrivacyModule,
    // Checks every @OnEvent and @OnJob handler against the routes at start-up.
    EventHandlersModule.forRoot({ routes: EVENT_ROUTES, jobQueues: JOB_QUEUES }),
  ],
  controllers: [WorkerHealthController],
  // The mail rate is the worker's setting (it sends); the api only queues.
  providers: [ReadinessService, OutboxRelay, MailRateLimit, ...QUEUE_CONSUMERS],
})
export class WorkerModule {}
