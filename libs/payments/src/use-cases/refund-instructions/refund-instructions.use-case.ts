import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, OutboxService } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { Refund } from '../../entities/refund.entity';
import { PaymentsErrorCode, PaymentsException } from '../../payments.exception';
import { PaymentRepository } from '../../repositories/payment.repository';
import { refundedEvent } from '../../services/refund.service';

export interface RefundInstructionView {
  id: string;
  bookingId: string;
  paymentId: string;
  amountCents: number;
  currency: 'EUR';
  reason: string;
  status: Refund['status'];
  createdAt: string;
  completedAt: string | null;
}

function present(refund: Refund): RefundInstructionView {
  return {
    id: refund.id,
    bookingId: refund.bookingId,
    paymentId: refund.paymentId,
    amountCents: refund.amountCents,
    currency: 'EUR',
    reason: refund.reason,
    status: refund.status,
    createdAt: refund.createdAt.toISOString(),
    completedAt: refund.completedAt?.toISOString() ?? null,
  };
}

/** Transfers finance owes members (bookings paid by transfer, then cancelled): list, then mark paid. */
@Injectable()
export class RefundInstructionsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<RefundInstructionView[]> {
    return (await this.payments.instructions()).map(present);
  }

  /** Transfers still to make (or the one named), with the organisation they go to (for matching bank debits). */
  async open(refundId?: string): Promise<OpenRefund[]> {
    const rows = await this.dataSource.query<
      { id: string; organisation_id: string; amount_cents: string; created_at: Date }[]
    >(
      `SELECT r.id, p.organisation_id, r.amount_cents, r.created_at
         FROM refunds r JOIN payments p ON p.id = r.payment_id
        WHERE r.status = 'instructed' ${refundId ? 'AND r.id = $1' : ''}
        ORDER BY r.created_at, r.id`,
      refundId ? [refundId] : [],
    );
    return rows.map((row) => ({
      refundId: row.id,
      organisationId: row.organisation_id,
      amountCents: Number(row.amount_cents),
      createdAt: row.created_at,
    }));
  }

  async markDone(actor: Actor, refundId: string): Promise<RefundInstructionView> {
    await this.dataSource.transaction((manager) => this.settle(refundId, actor.userId, manager));
    return present((await this.payments.findRefund(refundId))!);
  }

  /**
   * Marks the transfer made, in the caller's transaction (by hand, or because the bank shows
   * it). Conditional on the status, so two finance users marking it at once announce it once.
   */
  async settle(refundId: string, actorId: string | null, manager: EntityManager): Promise<void> {
    const refund = await this.payments.findRefund(refundId);
    if (!refund) throw new PaymentsException(PaymentsErrorCode.RefundNotFound, 'refund not found');
    const marked = await manager.update(
      Refund,
      { id: refund.id, status: 'instructed' },
      { status: 'done', completedAt: new Date(), completedBy: actorId },
    );
    if (marked.affected !== 1) {
      throw new PaymentsException(
        PaymentsErrorCode.RefundNotPending,
        `this refund is ${refund.status}`,
      );
    }
    await this.outbox.record(
      manager,
      refundedEvent(refund.id, refund.bookingId, refund.amountCents, 'bank_transfer'),
    );
    await this.audit.record(manager, {
      action: 'refund.marked_done',
      entityType: 'refund',
      entityId: refund.id,
      before: { status: 'instructed' },
      after: { status: 'done', amountCents: refund.amountCents },
      context: { bookingId: refund.bookingId, paymentId: refund.paymentId },
    });
  }

  /** Back to instructed: the bank line taken for this transfer was another one. */
  async reopen(refundId: string, manager: EntityManager): Promise<void> {
    await manager.update(
      Refund,
      { id: refundId, status: 'done' },
      { status: 'instructed', completedAt: null, completedBy: null },
    );
  }
}

export interface OpenRefund {
  refundId: string;
  organisationId: string;
  amountCents: number;
  createdAt: Date;
}
