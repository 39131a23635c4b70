import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxService } from './outbox.service';

/** Lets every context record events in its transactions and run requests once per Idempotency-Key. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEvent])],
  providers: [OutboxService, IdempotencyService],
  exports: [OutboxService, IdempotencyService],
})
export class OutboxModule {}
