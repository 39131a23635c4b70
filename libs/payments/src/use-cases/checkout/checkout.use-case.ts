import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  BookingView,
  ConfirmBookingUseCase,
  ExtendHoldUseCase,
  GetBookingUseCase,
  ProcurementReferencesService,
} from '@mutualis/booking';
import { Clock } from '@mutualis/core';
import {
  Actor,
  InvoiceableBuyerService,
  MembershipService,
  OrganisationAccessService,
  OrganisationDirectoryService,
} from '@mutualis/identity';
import { CreateDraftInvoiceUseCase } from '@mutualis/invoicing';
import { PaymentsErrorCode, PaymentsException } from '../../payments.exception';
import { PaymentRepository } from '../../repositories/payment.repository';
import { CheckoutPages } from '../../services/checkout-pages';
import { StripeGateway } from '../../services/stripe-gateway';

export type CheckoutResult =
  { checkoutUrl: string } | { invoiceId: string; paymentReference: string };

/** Stripe Checkout pages last at least 30 minutes: the hold is stretched to match. */
const MIN_CHECKOUT_MS = 31 * 60_000;

/**
 * Pays a booking awaiting payment: by card or SEPA debit on Stripe Checkout (the booking is
 * confirmed when Stripe says it is paid), or by bank transfer for members and public bodies
 * (confirmed at once, payable by the invoice's due date, with its RF reference).
 */
@Injectable()
export class CheckoutUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: GetBookingUseCase,
    private readonly extendHold: ExtendHoldUseCase,
    private readonly confirm: ConfirmBookingUseCase,
    private readonly access: OrganisationAccessService,
    private readonly memberships: MembershipService,
    private readonly directory: OrganisationDirectoryService,
    private readonly buyers: InvoiceableBuyerService,
    private readonly procurement: ProcurementReferencesService,
    private readonly drafts: CreateDraftInvoiceUseCase,
    private readonly payments: PaymentRepository,
    private readonly stripe: StripeGateway,
    private readonly pages: CheckoutPages,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    bookingId: string,
    method: 'card' | 'bank_transfer',
  ): Promise<CheckoutResult> {
    const booking = await this.bookings.execute(actor, bookingId);
    await this.access.assertBelongsTo(actor, booking.organisationId);
    if (booking.status !== 'pending_payment') {
      throw new PaymentsException(
        PaymentsErrorCode.NotPayable,
        `a ${booking.status} booking cannot be paid`,
      );
    }
    // The organisation may have moved overseas since it booked: no money for what cannot be invoiced.
    await this.buyers.assertInvoiceable(booking.organisationId);
    // Nor money for what Chorus Pro would reject: a public body's invoice needs its references.
    await this.procurement.assertComplete(booking);
    return method === 'card' ? this.card(booking) : this.bankTransfer(actor, booking);
  }

  private async card(booking: BookingView): Promise<{ checkoutUrl: string }> {
    const stripe = this.stripe.require();
    const open = await this.payments.openCheckout(booking.id);
    if (open?.stripeCheckoutSessionId) {
      const session = await stripe.checkout.sessions
        .retrieve(open.stripeCheckoutSessionId)
        .catch(() => null);
      if (session?.status === 'open' && session.url) return { checkoutUrl: session.url };
    }
    const extended = await this.extendHold.execute(
      booking.id,
      new Date(this.clock.now().getTime() + MIN_CHECKOUT_MS),
    );
    if (!extended?.holdExpiresAt) {
      throw new PaymentsException(
        PaymentsErrorCode.NotPayable,
        'this booking no longer awaits payment',
      );
    }
    const payment = await this.payments.create({
      bookingId: booking.id,
      organisationId: booking.organisationId,
      provider: 'stripe',
      method: null,
      amountCents: booking.totalInclVatCents,
      status: 'pending',
    });
    const checkoutUrl = await this.pages.open(stripe, payment, {
      label: `Réservation ${booking.id.slice(0, 8)} — ${booking.seats} place(s)`,
      subject: { booking_id: booking.id },
      returnPath: `/bookings/${booking.id}`,
      expiresAt: extended.holdExpiresAt,
    });
    return { checkoutUrl };
  }

  private async bankTransfer(
    actor: Actor,
    booking: BookingView,
  ): Promise<{ invoiceId: string; paymentReference: string }> {
    const [member, identity] = await Promise.all([
      this.memberships.isMember(booking.organisationId, this.clock.now()),
      this.directory.billingIdentity(booking.organisationId),
    ]);
    if (!member && !identity?.isPublicBody) {
      throw new PaymentsException(
        PaymentsErrorCode.BankTransferNotAllowed,
        'bank transfer is for organisations whose membership (adhésion) is active this year, and for public bodies; pay by card or SEPA debit',
        [{ field: 'method', message: 'bank_transfer needs an active membership or a public body' }],
      );
    }
    const draft = await this.drafts.forBooking(booking.id);
    await this.dataSource.transaction(async (manager) => {
      await this.confirm.within(manager, {
        bookingId: booking.id,
        // A public body's accountant pays after the service on the administrative mandate
        // (mandat administratif): its invoice says so, with the public-procurement terms.
        method: identity?.isPublicBody ? 'administrative_mandate' : 'bank_transfer',
        confirmedBy: actor.userId,
      });
      await this.payments.create(
        {
          bookingId: booking.id,
          organisationId: booking.organisationId,
          invoiceId: draft.invoiceId,
          provider: 'bank_transfer',
          method: 'bank_transfer',
          amountCents: booking.totalInclVatCents,
          status: 'pending',
        },
        manager,
      );
    });
    return draft;
  }
}
