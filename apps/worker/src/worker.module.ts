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
import { WorkerHealthController } from './health/health.controller';
import { BookingProcessor } from './booking/booking.processor';
import { InvoicingProcessor } from './invoicing/invoicing.processor';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';

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
    ),
    IdentityModule,
    CatalogueModule,
    BookingModule,
    InvoicingModule,
  ],
  controllers: [WorkerHealthController],
  providers: [
    ReadinessService,
    OutboxRelay,
    MaintenanceProcessor,
    BookingProcessor,
    InvoicingProcessor,
  ],
})
export class WorkerModule {}
