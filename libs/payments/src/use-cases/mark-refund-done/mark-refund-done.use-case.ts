import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '@mutualis/identity';
import { PaymentRepository } from '../../repositories/payment.repository';
import {
  presentRefundInstruction,
  RefundInstructionView,
} from '../../views/refund-instruction.view';
import { SettleRefundUseCase } from '../settle-refund/settle-refund.use-case';

/** Finance marks by hand the transfer of a refund made. */
@Injectable()
export class MarkRefundDoneUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentRepository,
    private readonly settle: SettleRefundUseCase,
  ) {}

  async execute(actor: Actor, refundId: string): Promise<RefundInstructionView> {
    await this.dataSource.transaction((manager) =>
      this.settle.execute(refundId, actor.userId, manager),
    );
    return presentRefundInstruction((await this.payments.findRefund(refundId))!);
  }
}
