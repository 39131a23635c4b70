import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@mutualis/core';
import { BookingModule } from '@mutualis/booking';
import { IdentityModule } from '@mutualis/identity';
import { InvoicingModule } from '@mutualis/invoicing';
import { paymentsEntities } from './entities';
import { PaymentRepository } from './repositories/payment.repository';
import { PaymentsPersonalDataRepository } from './repositories/payments-personal-data.repository';
import { PaymentLedgerService } from './services/payment-ledger.service';
import { RefundService } from './services/refund.service';
import { StripeFeesService } from './services/stripe-fees.service';
import { StripeGateway } from './services/stripe-gateway';
import { ApplyStripeEventUseCase } from './use-cases/apply-stripe-event/apply-stripe-event.use-case';
import { CheckoutUseCase } from './use-cases/checkout/checkout.use-case';
import { ReceiveStripeEventUseCase } from './use-cases/receive-stripe-event/receive-stripe-event.use-case';
import { RefundCancellationUseCase } from './use-cases/refund-cancellation/refund-cancellation.use-case';
import { RecordPayoutUseCase } from './use-cases/record-payout/record-payout.use-case';
import { RefundInstructionsUseCase } from './use-cases/refund-instructions/refund-instructions.use-case';
import { PaymentsHandlers } from './jobs/payments.handlers';

const useCases = [
  ApplyStripeEventUseCase,
  CheckoutUseCase,
  ReceiveStripeEventUseCase,
  RecordPayoutUseCase,
  RefundCancellationUseCase,
  RefundInstructionsUseCase,
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
    PaymentLedgerService,
    RefundService,
    StripeGateway,
    StripeFeesService,
    PaymentsPersonalDataRepository,
    ...useCases,
  ],
  exports: [StripeFeesService, PaymentsPersonalDataRepository, ...useCases],
})
export class PaymentsModule {}
