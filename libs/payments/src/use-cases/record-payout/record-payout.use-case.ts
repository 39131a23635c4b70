import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { OutboxService } from '@mutualis/core';
import { StripeRecordRepository } from '../../repositories/stripe-record.repository';
import { feeRecordedEvent } from '../../services/stripe-fee-event';
import { StripeGateway } from '../../services/stripe-gateway';

/**
 * Details a paid-out Stripe payout: its balance transactions are fetched from Stripe, each
 * charge linked to its payment (with Stripe's fee when the payment lacks it), and the payout
 * keeps its counts and fees. Safe to run again: the links and totals are simply rewritten, and
 * a fee is announced only by the run that gave it.
 */
@Injectable()
export class RecordPayoutUseCase {
  private readonly logger = new Logger(RecordPayoutUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: StripeRecordRepository,
    private readonly stripe: StripeGateway,
    private readonly outbox: OutboxService,
  ) {}

  async execute(payoutId: string): Promise<{ charges: number; refunds: number; feeCents: number }> {
    let charges = 0;
    let refunds = 0;
    let feeCents = 0;
    const links: { chargeId: string; feeCents: number }[] = [];
    // The client pages through the list (100 at a time) for us.
    for await (const transaction of this.stripe
      .require()
      .balanceTransactions.list({ payout: payoutId, limit: 100 })) {
      feeCents += transaction.fee;
      if (transaction.type === 'charge' || transaction.type === 'payment') {
        charges++;
        const chargeId = sourceId(transaction.source);
        if (chargeId) links.push({ chargeId, feeCents: transaction.fee });
      } else if (transaction.type === 'refund' || transaction.type === 'payment_refund') {
        refunds++;
      }
    }
    await this.dataSource.transaction(async (manager) => {
      if (links.length > 0) {
        const fees = await this.records.linkChargesToPayout(payoutId, links, manager);
        await this.outbox.record(
          manager,
          ...fees.map((fee) => feeRecordedEvent(fee.paymentId, fee.feeCents)),
        );
      }
      await this.records.recordPayoutDetails(payoutId, { charges, refunds, feeCents }, manager);
    });
    this.logger.log({ payoutId, charges, refunds, feeCents }, 'payout detailed');
    return { charges, refunds, feeCents };
  }
}

function sourceId(source: string | Stripe.BalanceTransactionSource | null): string | null {
  if (!source) return null;
  return typeof source === 'string' ? source : source.id;
}
