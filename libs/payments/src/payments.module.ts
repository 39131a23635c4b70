import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@mutualis/core';
import { BookingModule } from '@mutualis/booking';
import { IdentityModule } from '@mutualis/identity';
import { InvoicingModule } from '@mutualis/invoicing';
import { paymentsEntities } from './entities';
import { PaymentRepository } from './repositories/payment.repository';
import { PaymentsPersonalDataRepository } from './repositories/payments-personal-data.repository';
import { StripeRecordRepository } from './repositories/stripe-record.repository';
import { OpenRefundsService } from './services/open-refunds.service';
import { PaymentFactsService } from './services/payment-facts.service';
import { PaymentLedgerService } from './services/payment-ledger.service';
import { RefundService } from './services/refund.service';
import { StripeFeesService } from './services/stripe-fees.service';
import { CheckoutPages } from './services/checkout-pages';
import { StripeGateway } from './services/stripe-gateway';
import { StripePayoutsService } from './services/stripe-payouts.service';
import { ApplyStripeEventUseCase } from './use-cases/apply-stripe-event/apply-stripe-event.use-case';
import { CheckoutUseCase } from './use-cases/checkout/checkout.use-case';
import { InvoiceCheckoutUseCase } from './use-cases/invoice-checkout/invoice-checkout.use-case';
import { ListRefundInstructionsUseCase } from './use-cases/list-refund-instructions/list-refund-instructions.use-case';
import { MarkRefundDoneUseCase } from './use-cases/mark-refund-done/mark-refund-done.use-case';
import { ReceiveStripeEventUseCase } from './use-cases/receive-stripe-event/receive-stripe-event.use-case';
import { RecordPayoutUseCase } from './use-cases/record-payout/record-payout.use-case';
import { PaymentsHandlers } from './jobs/payments.handlers';
import { RefundCancellationUseCase } from './use-cases/refund-cancellation/refund-cancellation.use-case';
import { ReopenRefundUseCase } from './use-cases/reopen-refund/reopen-refund.use-case';
import { SettleRefundUseCase } from './use-cases/settle-refund/settle-refund.use-case';

const useCases = [
  ApplyStripeEventUseCase,
  CheckoutUseCase,
  InvoiceCheckoutUseCase,
  ListRefundInstructionsUseCase,
  MarkRefundDoneUseCase,
  ReceiveStripeEventUseCase,
  RecordPayoutUseCase,
  RefundCancellationUseCase,
  ReopenRefundUseCase,
  SettleRefundUseCase,
];

/** Read services other contexts use instead of the payments tables. */
const queryServices = [
  OpenRefundsService,
  PaymentFactsService,
  StripeFeesService,
  StripePayoutsService,
];

/** Checkout (Stripe, bank transfer), Stripe webhooks and their event log, the payments ledger, refunds. */
@Module({
  imports: [
    TypeOrmModule.forFeature(paymentsEntities),
    IdentityModule,
    BookingModule,
    InvoicingModule,
    AuditModule,
  ],
  providers: [
    PaymentsHandlers,
    PaymentRepository,
    StripeRecordRepository,
    PaymentLedgerService,
    RefundService,
    StripeGateway,
    CheckoutPages,
    PaymentsPersonalDataRepository,
    ...queryServices,
    ...useCases,
  ],
  exports: [PaymentsPersonalDataRepository, ...queryServices, ...useCases],
})
export class PaymentsModule {}
