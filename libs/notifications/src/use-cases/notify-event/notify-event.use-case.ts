import { Injectable } from '@nestjs/common';
import { BookingEvents, BookingFactsService } from '@mutualis/booking';
import { CatalogueEvents } from '@mutualis/catalogue';
import { EventJob } from '@mutualis/core';
import { IdentityEvents } from '@mutualis/identity';
import { InvoiceFacts, InvoiceFactsService, InvoicingEvents } from '@mutualis/invoicing';
import { MembershipEvents, RenewalRemindersService } from '@mutualis/membership';
import { PaymentsEvents } from '@mutualis/payments';
import { InviteToSurveyUseCase, TrainingEvents } from '@mutualis/training';
import { PlannedDelivery } from '../../repositories/delivery.repository';
import { AttendanceMailPlanner } from '../../services/attendance-mail-planner';
import { DeliveryDispatcher } from '../../services/delivery-dispatcher';
import { NotificationPlanner } from '../../services/notification-planner';
import { NotificationScheduler } from '../../services/notification-scheduler';
import { RenewalReminderPlanner } from '../../services/renewal-reminder-planner';
import { TrainingCompletionPlanner } from '../../services/training-completion-planner';
import { surveyDeliveries } from '../../services/training-survey-planner';
import { TrainingProgrammePlanner } from '../../services/training-programme-planner';

export interface NotifyOutcome {
  queued: number;
  scheduled?: number;
}

/** The events that make (or unmake) mail: the worker routes each to the notifications queue. */
export const NOTIFIED_EVENTS = [
  IdentityEvents.InvitationCreated,
  IdentityEvents.EmailVerificationRequested,
  IdentityEvents.EmailChangeRequested,
  IdentityEvents.PasswordResetRequested,
  IdentityEvents.RegistrationAttempted,
  CatalogueEvents.OfferingPublished,
  CatalogueEvents.OfferingRejected,
  BookingEvents.Created,
  BookingEvents.OfferAccepted,
  BookingEvents.Confirmed,
  BookingEvents.WaitlistOffered,
  BookingEvents.Cancelled,
  InvoicingEvents.InvoiceIssued,
  InvoicingEvents.CreditNoteIssued,
  InvoicingEvents.PaymentRecorded,
  InvoicingEvents.PaymentReversed,
  PaymentsEvents.Refunded,
  MembershipEvents.ApplicationSubmitted,
  MembershipEvents.ApplicationApproved,
  MembershipEvents.ApplicationRefused,
  MembershipEvents.Lapsed,
  TrainingEvents.HalfDayOpening,
  TrainingEvents.CompletionDocumentsIssued,
  TrainingEvents.SurveyDue,
  TrainingEvents.ConvocationIssued,
] as const;

export type NotifiedEvent = (typeof NOTIFIED_EVENTS)[number];

/** One way to notify per event, typed by its payload: a missing event does not compile. */
type Notifiers = { [T in NotifiedEvent]: (event: EventJob<T>) => Promise<NotifyOutcome> };

/**
 * Turns a domain event into e-mails (logged, then queued one job per message) and keeps the
 * mail that is due later in step: a confirmed booking gets its reminder, a cancelled one
 * loses it; an issued invoice gets its dunning letters, a paid one loses them, and gets the
 * letters still ahead back if the payment is reversed. Replaying the
 * event queues nothing new (the log is keyed by event and recipient) and schedules the same
 * jobs (fixed job ids).
 */
@Injectable()
export class NotifyEventUseCase {
  constructor(
    private readonly planner: NotificationPlanner,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly scheduler: NotificationScheduler,
    private readonly bookings: BookingFactsService,
    private readonly invoices: InvoiceFactsService,
    private readonly renewals: RenewalRemindersService,
    private readonly renewalMail: RenewalReminderPlanner,
    private readonly attendanceMail: AttendanceMailPlanner,
    private readonly trainingCompletion: TrainingCompletionPlanner,
    private readonly surveyInvitations: InviteToSurveyUseCase,
    private readonly trainingProgramme: TrainingProgrammePlanner,
  ) {}

  private readonly notifiers: Notifiers = {
    [IdentityEvents.InvitationCreated]: (event) =>
      this.send(this.planner.invitation(event.eventId, event.aggregateId, event.payload.invitedBy)),
    [IdentityEvents.EmailVerificationRequested]: (event) => this.accountLink(event),
    [IdentityEvents.EmailChangeRequested]: (event) => this.accountLink(event),
    [IdentityEvents.PasswordResetRequested]: (event) => this.accountLink(event),
    [IdentityEvents.RegistrationAttempted]: (event) =>
      this.send(this.planner.registrationAttempt(event.eventId, event.aggregateId)),
    [CatalogueEvents.OfferingPublished]: (event) => this.moderation(event, true),
    [CatalogueEvents.OfferingRejected]: (event) => this.moderation(event, false),
    [BookingEvents.Created]: (event) =>
      this.send(this.planner.pendingPayment(event.eventId, event.aggregateId)),
    [BookingEvents.OfferAccepted]: (event) =>
      this.send(this.planner.pendingPayment(event.eventId, event.aggregateId)),
    [BookingEvents.Confirmed]: (event) => this.bookingConfirmed(event),
    [BookingEvents.WaitlistOffered]: (event) =>
      this.send(this.planner.waitlistOffer(event.eventId, event.aggregateId)),
    [BookingEvents.Cancelled]: async (event) => {
      const queued = await this.dispatcher.dispatch(
        await this.planner.cancelled(event.eventId, event.aggregateId, event.payload),
      );
      await this.scheduler.cancelReminder(event.aggregateId);
      return { queued, scheduled: 0 };
    },
    [InvoicingEvents.InvoiceIssued]: (event) => this.invoiceIssued(event),
    [InvoicingEvents.CreditNoteIssued]: async (event) => {
      const invoice = await this.invoices.byId(event.aggregateId);
      return this.send(invoice ? this.planner.invoiceIssued(event.eventId, invoice) : []);
    },
    [InvoicingEvents.PaymentRecorded]: async (event) => {
      const outcome = await this.send(
        this.planner.paymentReceived(event.eventId, event.aggregateId, event.payload.amountCents),
      );
      if (event.payload.status === 'paid') await this.scheduler.cancelOverdue(event.aggregateId);
      return outcome;
    },
    // No mail: finance corrected its own allocation; the letters still ahead are back in line.
    [InvoicingEvents.PaymentReversed]: async (event) => {
      const queued = await this.dispatcher.dispatch([]);
      const invoice = await this.invoices.byId(event.aggregateId);
      return { queued, scheduled: invoice ? await this.scheduleOverdue(invoice) : 0 };
    },
    [PaymentsEvents.Refunded]: (event) =>
      this.send(
        this.planner.refunded(
          event.eventId,
          event.payload.bookingId,
          event.payload.amountCents,
          event.payload.method === 'bank_transfer' ? 'bank_transfer' : 'card',
        ),
      ),
    [MembershipEvents.ApplicationSubmitted]: (event) =>
      this.send(this.planner.membershipApplicationSubmitted(event.eventId, event.aggregateId)),
    [MembershipEvents.ApplicationApproved]: (event) =>
      this.send(this.planner.membershipApplicationDecided(event.eventId, event.aggregateId)),
    [MembershipEvents.ApplicationRefused]: (event) =>
      this.send(this.planner.membershipApplicationDecided(event.eventId, event.aggregateId)),
    [MembershipEvents.Lapsed]: (event) =>
      this.send(
        this.renewalMail.lapsed(event.eventId, event.payload.organisationId, event.payload.year),
      ),
    [TrainingEvents.HalfDayOpening]: (event) =>
      this.send(this.attendanceMail.halfDayOpening(event.eventId, event.payload.halfDayId)),
    [TrainingEvents.CompletionDocumentsIssued]: (event) =>
      this.send(this.trainingCompletion.completionDocuments(event.eventId, event.payload)),
    // Invites on arrival (a cancelled or moved session invites nobody now), then mails the links.
    [TrainingEvents.SurveyDue]: async (event) =>
      this.send(
        surveyDeliveries(
          await this.surveyInvitations.execute(event.payload.sessionId, event.payload.stage),
        ),
      ),
    [TrainingEvents.ConvocationIssued]: (event) =>
      this.send(this.trainingProgramme.convocation(event.eventId, event.payload)),
  };

  execute(event: EventJob<NotifiedEvent>): Promise<NotifyOutcome> {
    // Indexed by the event's own type, the notifier takes that event: TypeScript cannot
    // correlate the two through the union, hence the widening.
    const notify = this.notifiers[event.type] as (
      event: EventJob<NotifiedEvent>,
    ) => Promise<NotifyOutcome>;
    if (!notify) throw new Error(`no notification is defined for the event ${event.type}`);
    return notify(event);
  }

  private async send(
    planned: Promise<PlannedDelivery[]> | PlannedDelivery[],
  ): Promise<NotifyOutcome> {
    return { queued: await this.dispatcher.dispatch(await planned), scheduled: 0 };
  }

  private accountLink(event: EventJob<NotifiedEvent>): Promise<NotifyOutcome> {
    return this.send(this.planner.accountLink(event.eventId, event.aggregateId));
  }

  private moderation(
    event: EventJob<
      typeof CatalogueEvents.OfferingPublished | typeof CatalogueEvents.OfferingRejected
    >,
    approved: boolean,
  ): Promise<NotifyOutcome> {
    // About changes to a published offering (a revision): the live offering has no rejection
    // reason of its own, the event carries it.
    const revision = event.payload.revisionId ? { reason: event.payload.reason ?? '' } : undefined;
    return this.send(this.planner.moderation(event.eventId, event.aggregateId, approved, revision));
  }

  /** The booking is read once, for the mail and for the reminder. */
  private async bookingConfirmed(
    event: EventJob<typeof BookingEvents.Confirmed>,
  ): Promise<NotifyOutcome> {
    const booking = await this.bookings.forNotice(event.aggregateId);
    if (!booking) return { queued: 0, scheduled: 0 };
    const queued = await this.dispatcher.dispatch(
      await this.planner.bookingConfirmed(event.eventId, booking),
    );
    const scheduled =
      booking.status === 'confirmed' &&
      (await this.scheduler.scheduleReminder(booking.bookingId, booking.serviceStartsAt));
    return { queued, scheduled: scheduled ? 1 : 0 };
  }

  /** The invoice is read once, for the mail and for its dunning letters. */
  private async invoiceIssued(
    event: EventJob<typeof InvoicingEvents.InvoiceIssued>,
  ): Promise<NotifyOutcome> {
    const invoice = await this.invoices.byId(event.aggregateId);
    if (!invoice) return { queued: 0, scheduled: 0 };
    // A cotisation's mail says which year it is for; a renewal is chased by the year's
    // reminders and final notice (membership's schedule) instead of the dunning letters.
    const membership = invoice.membershipId
      ? await this.renewals.describe(invoice.membershipId)
      : null;
    const queued = await this.dispatcher.dispatch(
      await this.planner.invoiceIssued(event.eventId, invoice, membership),
    );
    if (invoice.membershipId && membership?.renewal) {
      return { queued, scheduled: await this.scheduleRenewalReminders(invoice) };
    }
    return { queued, scheduled: await this.scheduleOverdue(invoice) };
  }

  private async scheduleRenewalReminders(invoice: InvoiceFacts): Promise<number> {
    if (!invoice.issueDate || !['issued', 'partially_paid'].includes(invoice.status)) return 0;
    const plan = await this.renewals.planOf(invoice.membershipId!, invoice.invoiceId);
    if (!plan) return 0;
    return this.scheduler.scheduleRenewalReminders(invoice.invoiceId, invoice.issueDate, plan);
  }

  /** The dunning letters of an invoice still owed. */
  private scheduleOverdue(invoice: InvoiceFacts): Promise<number> {
    if (!invoice.dueDate || !['issued', 'partially_paid'].includes(invoice.status))
      return Promise.resolve(0);
    return this.scheduler.scheduleOverdue(invoice.invoiceId, invoice.dueDate);
  }
}
