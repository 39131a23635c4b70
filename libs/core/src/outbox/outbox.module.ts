import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoreHandlers } from '../events/core.handlers';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxService } from './outbox.service';

/** Lets every context record events in its transactions and run requests once per Idempotency-Key. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEvent])],
  // CoreHandlers: core's housekeeping job, found by the worker's handler registry.
  providers: [OutboxService, IdempotencyService, CoreHandlers],
  exports: [OutboxService, IdempotencyService],
})
export class OutboxModule {}
