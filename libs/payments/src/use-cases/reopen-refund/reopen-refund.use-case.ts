import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Refund } from '../../entities/refund.entity';

@Injectable()
export class ReopenRefundUseCase {
  /** Back to instructed: the bank line taken for this transfer was another one. */
  async execute(refundId: string, manager: EntityManager): Promise<void> {
    await manager.update(
      Refund,
      { id: refundId, status: 'done' },
      { status: 'instructed', completedAt: null, completedBy: null },
    );
  }
}
