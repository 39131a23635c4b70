import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import {
  CoreConfigModule,
  DatabaseModule,
  LoggingModule,
  QueueModule,
  QueueName,
  ReadinessService,
  RedisModule,
} from '@mutualis/core';
import { CatalogueModule } from '@mutualis/catalogue';
import { IdentityModule } from '@mutualis/identity';
import { WorkerHealthController } from './health/health.controller';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';

@Module({
  imports: [
    CoreConfigModule,
    LoggingModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    BullModule.registerQueue({ name: QueueName.Maintenance }),
    IdentityModule,
    CatalogueModule,
  ],
  controllers: [WorkerHealthController],
  providers: [ReadinessService, MaintenanceProcessor],
})
export class WorkerModule {}
