import { Injectable } from '@nestjs/common';
import { PaymentRepository } from '../../repositories/payment.repository';
import {
  presentRefundInstruction,
  RefundInstructionView,
} from '../../views/refund-instruction.view';

/** Transfers finance owes members (bookings paid by transfer, then cancelled). */
@Injectable()
export class ListRefundInstructionsUseCase {
  constructor(private readonly payments: PaymentRepository) {}

  async execute(): Promise<RefundInstructionView[]> {
    return (await this.payments.instructions()).map(presentRefundInstruction);
  }
}
