import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import {
  CoreConfigModule,
  DatabaseModule,
  LoggingModule,
  OutboxModule,
  OutboxRelay,
  QueueModule,
  QueueName,
  ReadinessService,
  RedisModule,
} from '@mutualis/core';
import { BookingModule } from '@mutualis/booking';
import { CatalogueModule } from '@mutualis/catalogue';
import { IdentityModule } from '@mutualis/identity';
import { InvoicingModule } from '@mutualis/invoicing';
import { NotificationsModule } from '@mutualis/notifications';
import { PaymentsModule } from '@mutualis/payments';
import { PrivacyModule } from '@mutualis/privacy';
import { ReconciliationModule } from '@mutualis/reconciliation';
import { WorkerHealthController } from './health/health.controller';
import { BookingProcessor } from './booking/booking.processor';
import { InvoicingProcessor } from './invoicing/invoicing.processor';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { NotificationsProcessor } from './notifications/notifications.processor';
import { ReconciliationProcessor } from './reconciliation/reconciliation.processor';
import { PaymentsProcessor } from './payments/payments.processor';

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
    ),
    IdentityModule,
    CatalogueModule,
    BookingModule,
    InvoicingModule,
    PaymentsModule,
    NotificationsModule,
    ReconciliationModule,
    PrivacyModule,
  ],
  controllers: [WorkerHealthController],
  providers: [
    ReadinessService,
    OutboxRelay,
    MaintenanceProcessor,
    BookingProcessor,
    InvoicingProcessor,
    PaymentsProcessor,
    NotificationsProcessor,
    ReconciliationProcessor,
  ],
})
export class WorkerModule {}
