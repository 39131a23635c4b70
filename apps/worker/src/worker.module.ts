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
import { PaymentsModule } from '@mutualis/payments';
import { WorkerHealthController } from './health/health.controller';
import { BookingProcessor } from './booking/booking.processor';
import { InvoicingProcessor } from './invoicing/invoicing.processor';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
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
    ),
    IdentityModule,
    CatalogueModule,
    BookingModule,
    InvoicingModule,
    PaymentsModule,
  ],
  controllers: [WorkerHealthController],
  providers: [
    ReadinessService,
    OutboxRelay,
    MaintenanceProcessor,
    BookingProcessor,
    InvoicingProcessor,
    PaymentsProcessor,
  ],
})
export class WorkerModule {}
