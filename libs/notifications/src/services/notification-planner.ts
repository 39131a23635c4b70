import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import {
  BookingCancelledPayload,
  BookingFactsService,
  BookingNoticeFacts,
} from '@mutualis/booking';
import { CatalogueFactsService } from '@mutualis/catalogue';
import {
  AccountLinksService,
  Contact,
  ContactDirectoryService,
  GetInvitationByIdUseCase,
  MembershipService,
  OrganisationDirectoryService,
} from '@mutualis/identity';
import { ChambreSettingsQuery, InvoiceFacts, InvoiceFactsService } from '@mutualis/invoicing';
import { familyLabel, MembershipFactsService } from '@mutualis/membership';
import { AttachmentRef } from '../entities/notification-delivery.entity';
import { PlannedDelivery } from '../repositories/delivery.repository';
import {
  AccountLinkParams,
  AccountLinkTemplate,
  PlannedData,
  ServiceMoment,
  TemplateName,
} from '../templates/template-data';
import { WebLinks } from './web-links';

export const OVERDUE_STAGES = [7, 15, 30] as const;
export type OverdueStage = (typeof OVERDUE_STAGES)[number];

/** Invoice statuses that still owe money. */
const UNPAID = ['issued', 'partially_paid'];

export function deliveryTo<T extends TemplateName>(
  eventKey: string,
  contact: Contact,
  template: T,
  params: PlannedData<T>,
  attachments: AttachmentRef[] = [],
): PlannedDelivery {
  return {
    eventKey,
    recipient: contact.email,
    userId: contact.userId,
    template,
    locale: contact.locale,
    params,
    attachments,
  };
}

/** A message with a single-use link: the log keeps the link's id, the secret is minted at send. */
function linkDeliveryTo<T extends AccountLinkTemplate>(
  eventKey: string,
  contact: Contact,
  template: T,
  params: AccountLinkParams<T>,
): PlannedDelivery {
  return {
    eventKey,
    recipient: contact.email,
    userId: contact.userId,
    template,
    locale: contact.locale,
    params,
    attachments: [],
  };
}

function moment(booking: BookingNoticeFacts): ServiceMoment {
  return {
    offeringTitle: booking.offeringTitle,
    startsAt: booking.serviceStartsAt.toISOString(),
    endsAt: booking.serviceEndsAt.toISOString(),
    location: booking.location,
    remoteUrl: booking.remoteUrl,
  };
}

function calendarFor(bookingId: string, method: 'PUBLISH' | 'CANCEL'): AttachmentRef {
  return {
    kind: 'calendar',
    uid: `booking-${bookingId}@mutualis`,
    method,
    sequence: method === 'CANCEL' ? 1 : 0,
  };
}

/**
 * Decides who hears what about a fact, reading the current state through the other contexts'
 * services: a message that no longer makes sense (a hold already paid, an offer already
 * taken, an invoice already paid) is not planned at all.
 */
@Injectable()
export class NotificationPlanner {
  constructor(
    private readonly bookings: BookingFactsService,
    private readonly catalogue: CatalogueFactsService,
    private readonly contacts: ContactDirectoryService,
    private readonly organisations: OrganisationDirectoryService,
    private readonly invitations: GetInvitationByIdUseCase,
    private readonly invoices: InvoiceFactsService,
    private readonly chambre: ChambreSettingsQuery,
    private readonly links: WebLinks,
    private readonly accountLinks: AccountLinksService,
    private readonly membership: MembershipFactsService,
    private readonly memberships: MembershipService,
  ) {}

  /** The Chambre's admins hear of an application while it still waits for a decision. */
  async membershipApplicationSubmitted(
    key: string,
    applicationId: string,
  ): Promise<PlannedDelivery[]> {
    const application = await this.membership.application(applicationId);
    if (!application || application.status !== 'pending') return [];
    const [admins, names] = await Promise.all([
      this.contacts.platformAdmins(),
      this.organisations.legalNamesOf([application.organisationId]),
    ]);
    return admins.map((contact) =>
      deliveryTo(key, contact, 'membership-application-submitted', {
        organisationName: names.get(application.organisationId) ?? '',
        year: application.year,
        kind: application.kind,
        familyLabel: familyLabel(application.family),
        contactName: application.contactName,
        contactEmail: application.contactEmail,
        charterVersion: application.charterVersion,
        applicationsUrl: this.links.membershipApplications(),
      }),
    );
  }

  /** The contact the organisation named in its application hears of the decision. */
  async membershipApplicationDecided(
    key: string,
    applicationId: string,
  ): Promise<PlannedDelivery[]> {
    const application = await this.membership.application(applicationId);
    if (!application || !['approved', 'refused'].includes(application.status)) return [];
    const [names, contact] = await Promise.all([
      this.organisations.legalNamesOf([application.organisationId]),
      this.contacts.byEmail(application.contactEmail),
    ]);
    const recipient = { ...contact, email: application.contactEmail };
    const organisationName = names.get(application.organisationId) ?? '';
    const membershipUrl = this.links.membership();
    if (application.status === 'refused') {
      return [
        deliveryTo(key, recipient, 'membership-application-refused', {
          organisationName,
          year: application.year,
          reason: application.refusalReason ?? '',
          membershipUrl,
        }),
      ];
    }
    const membership = await this.memberships.findForYear(
      application.organisationId,
      application.year,
    );
    return [
      deliveryTo(key, recipient, 'membership-application-approved', {
        organisationName,
        year: application.year,
        feeCents: application.feeCents ?? 0,
        active: membership?.status === 'active',
        membershipUrl,
      }),
    ];
  }

  /** The reminder two days before: only for a booking still confirmed on a session still on. */
  async sessionReminder(bookingId: string): Promise<PlannedDelivery[]> {
    const booking = await this.bookings.forNotice(bookingId);
    if (!booking || booking.status !== 'confirmed') return [];
    if (booking.sessionId) {
      const session = await this.catalogue.session(booking.sessionId);
      if (!session || session.status !== 'scheduled') return [];
    }
    if (booking.serviceStartsAt.getTime() <= Date.now()) return [];
    return (await this.contacts.usersByIds([booking.bookedBy])).map((contact) =>
      deliveryTo(`reminder:${booking.bookingId}`, contact, 'session-reminder', {
        ...moment(booking),
        seats: booking.seats,
        attendeeNames: booking.attendees.map((attendee) => attendee.name),
        bookingUrl: this.links.booking(booking.bookingId),
      }),
    );
  }

  /** A dunning letter, only while the invoice still owes money. */
  async overdueReminder(invoiceId: string, stage: OverdueStage): Promise<PlannedDelivery[]> {
    const invoice = await this.invoices.byId(invoiceId);
    if (!invoice || invoice.type !== 'invoice' || !UNPAID.includes(invoice.status)) return [];
    const amountDueCents = invoice.amountDueCents;
    if (amountDueCents <= 0 || !invoice.dueDate || !invoice.number) return [];
    const billing = await this.contacts.billingContact(invoice.organisationId);
    if (!billing) return [];
    const chambre = await this.chambre.get();
    return [
      deliveryTo(`overdue:${invoice.invoiceId}:${stage}`, billing.contact, 'invoice-overdue', {
        stage,
        invoiceNumber: invoice.number,
        dueDate: invoice.dueDate,
        amountDueCents,
        paymentReference: invoice.paymentReference,
        iban: chambre.iban,
        bic: chambre.bic,
        latePaymentRate: chambre.latePaymentRate,
        invoiceUrl: this.links.invoice(invoice.invoiceId),
      }),
    ];
  }

  /** The consultant's list of who is coming, for a session still on with confirmed bookings. */
  async attendeeList(sessionId: string): Promise<PlannedDelivery[]> {
    const session = await this.catalogue.session(sessionId);
    if (!session || session.status !== 'scheduled') return [];
    const bookings = await this.bookings.confirmedOnSession(sessionId);
    if (bookings.length === 0) return [];
    const names = await this.organisations.legalNamesOf(bookings.map((b) => b.organisationId));
    const consultants = await this.contacts.usersByIds([session.consultantId]);
    return consultants.map((contact) =>
      deliveryTo(`attendee-list:${session.sessionId}`, contact, 'consultant-attendee-list', {
        offeringTitle: session.offeringTitle,
        startsAt: session.startsAt.toISOString(),
        endsAt: session.endsAt.toISOString(),
        location: session.location,
        remoteUrl: session.remoteUrl,
        attendees: bookings.flatMap((booking) =>
          booking.attendees.map((attendee) => ({
            ...attendee,
            organisationName: names.get(booking.organisationId) ?? '',
          })),
        ),
        sessionUrl: this.links.consultantSession(session.sessionId),
      }),
    );
  }

  async invitation(
    key: string,
    invitationId: string,
    invitedBy: string,
  ): Promise<PlannedDelivery[]> {
    // An invitation revoked, accepted or expired before we got to it is not sent.
    const preview = await this.invitations.execute(invitationId).catch(() => null);
    if (!preview) return [];
    const [inviter] = invitedBy ? await this.contacts.usersByIds([invitedBy]) : [];
    const contact = await this.contacts.byEmail(preview.email);
    return [
      deliveryTo(key, { ...contact, email: preview.email }, 'account-invitation', {
        organisationName: preview.organisationName,
        inviterName: inviter?.name ?? null,
        role: preview.role,
        // The link is made when the message is sent (DeliverNotificationUseCase): its token
        // is never stored in clear, here or in the queue.
        invitationId,
        expiresAt: preview.expiresAt,
      }),
    ];
  }

  async accountLink(key: string, tokenId: string): Promise<PlannedDelivery[]> {
    // Used, replaced or run out before we got to it: a dead link is not worth a message.
    const notice = await this.accountLinks.notice(tokenId);
    if (!notice) return [];
    const [owner] = await this.contacts.usersByIds([notice.userId]);
    if (!owner) return [];
    const expiresAt = notice.expiresAt.toISOString();
    if (notice.purpose === 'password_reset') {
      return [
        linkDeliveryTo(key, owner, 'account-password-reset', {
          accountTokenId: tokenId,
          expiresAt,
        }),
      ];
    }
    const change = notice.purpose === 'email_change';
    const planned = [
      linkDeliveryTo(key, { ...owner, email: notice.email }, 'account-email-verification', {
        accountTokenId: tokenId,
        expiresAt,
        change,
      }),
    ];
    // The current address hears of the change before it can happen.
    if (change) {
      planned.push(
        deliveryTo(key, owner, 'account-email-change-notice', {
          newEmail: notice.email,
          securityUrl: this.links.accountSecurity(),
        }),
      );
    }
    return planned;
  }

  async registrationAttempt(key: string, userId: string): Promise<PlannedDelivery[]> {
    return (await this.contacts.usersByIds([userId])).map((contact) =>
      deliveryTo(key, contact, 'account-registration-attempt', {
        signInUrl: this.links.signIn(),
        resetUrl: this.links.forgotPassword(),
      }),
    );
  }

  async moderation(
    key: string,
    offeringId: string,
    approved: boolean,
    revision?: { reason: string },
  ): Promise<PlannedDelivery[]> {
    const offering = await this.catalogue.offering(offeringId);
    if (!offering) return [];
    const offeringUrl = this.links.consultantOffering(offering.offeringId);
    return (await this.contacts.usersByIds([offering.consultantId])).map((contact) =>
      approved
        ? deliveryTo(key, contact, 'offering-approved', {
            offeringTitle: offering.title,
            offeringUrl,
            ...(revision ? { changes: true } : {}),
          })
        : deliveryTo(key, contact, 'offering-rejected', {
            offeringTitle: offering.title,
            reason: revision?.reason ?? offering.rejectionReason ?? '',
            offeringUrl,
            ...(revision ? { changes: true } : {}),
          }),
    );
  }

  private async booker(booking: BookingNoticeFacts): Promise<Contact[]> {
    return this.contacts.usersByIds([booking.bookedBy]);
  }

  async pendingPayment(key: string, bookingId: string): Promise<PlannedDelivery[]> {
    const booking = await this.bookings.forNotice(bookingId);
    // Paid (or gone) before we wrote: "please pay" would be wrong.
    if (!booking || booking.status !== 'pending_payment' || !booking.holdExpiresAt) return [];
    const holdExpiresAt = booking.holdExpiresAt.toISOString();
    return (await this.booker(booking)).map((contact) =>
      deliveryTo(key, contact, 'booking-pending-payment', {
        ...moment(booking),
        seats: booking.seats,
        totalInclVatCents: booking.totalInclVatCents,
        holdExpiresAt,
        bookingUrl: this.links.booking(booking.bookingId),
      }),
    );
  }

  /**
   * The booker's confirmation and the consultant's notice, from the booking as the caller read
   * it (NotifyEventUseCase also schedules its reminder from the same read).
   */
  async bookingConfirmed(key: string, booking: BookingNoticeFacts): Promise<PlannedDelivery[]> {
    const [contacts, organisations] = await Promise.all([
      this.contacts.usersByIds([booking.bookedBy, booking.consultantId]),
      this.organisations.legalNamesOf([booking.organisationId]),
    ]);
    const planned = contacts
      .filter((contact) => contact.userId === booking.bookedBy)
      .map((contact) =>
        deliveryTo(
          key,
          contact,
          'booking-confirmed',
          {
            ...moment(booking),
            seats: booking.seats,
            attendeeNames: booking.attendees.map((attendee) => attendee.name),
            bookingUrl: this.links.booking(booking.bookingId),
          },
          [calendarFor(booking.bookingId, 'PUBLISH')],
        ),
      );
    const capacity = booking.sessionCapacity;
    for (const contact of contacts.filter((each) => each.userId === booking.consultantId)) {
      planned.push(
        deliveryTo(key, contact, 'consultant-new-booking', {
          ...moment(booking),
          organisationName: organisations.get(booking.organisationId) ?? '',
          seats: booking.seats,
          capacity: capacity ?? booking.seats,
          seatsLeft:
            capacity === null ? 0 : Math.max(0, capacity - (booking.sessionSeatsTaken ?? 0)),
          sessionUrl: booking.sessionId
            ? this.links.consultantSession(booking.sessionId)
            : this.links.consultantOffering(booking.offeringId),
        }),
      );
    }
    return planned;
  }

  async waitlistOffer(key: string, bookingId: string): Promise<PlannedDelivery[]> {
    const booking = await this.bookings.forNotice(bookingId);
    if (!booking || booking.status !== 'offered' || !booking.offerExpiresAt) return [];
    const offerExpiresAt = booking.offerExpiresAt.toISOString();
    return (await this.booker(booking)).map((contact) =>
      deliveryTo(key, contact, 'waitlist-offer', {
        ...moment(booking),
        seats: booking.seats,
        totalInclVatCents: booking.totalInclVatCents,
        offerExpiresAt,
        bookingUrl: this.links.booking(booking.bookingId),
      }),
    );
  }

  async cancelled(
    key: string,
    bookingId: string,
    payload: BookingCancelledPayload,
  ): Promise<PlannedDelivery[]> {
    const booking = await this.bookings.forNotice(bookingId);
    if (!booking) return [];
    const wasConfirmed = payload.previousStatus === 'confirmed';
    const refundCents = payload.refundCents;
    const bookingUrl = this.links.booking(booking.bookingId);
    // Whoever had it in their calendar gets the event withdrawn.
    const attachments = wasConfirmed ? [calendarFor(booking.bookingId, 'CANCEL')] : [];
    const session =
      payload.cause === 'session' && booking.sessionId
        ? await this.catalogue.session(booking.sessionId)
        : null;
    return (await this.booker(booking)).map((contact) =>
      session
        ? deliveryTo(
            key,
            contact,
            'session-cancelled',
            {
              ...moment(booking),
              reason: session.cancellationReason,
              wasConfirmed,
              refundCents,
              bookingUrl,
            },
            attachments,
          )
        : deliveryTo(
            key,
            contact,
            'booking-cancelled',
            {
              ...moment(booking),
              wasConfirmed,
              refundPercent: payload.refundPercent,
              refundCents,
              bookingUrl,
            },
            attachments,
          ),
    );
  }

  /** The invoice (or credit note) mail, from the invoice as the caller read it. */
  /** `membership`: for a cotisation, the year it is for and whether it renews the membership. */
  async invoiceIssued(
    key: string,
    invoice: InvoiceFacts,
    membership: { year: number; renewal: boolean } | null = null,
  ): Promise<PlannedDelivery[]> {
    if (!invoice.number || invoice.status === 'draft') return [];
    const billing = await this.contacts.billingContact(invoice.organisationId);
    if (!billing) return [];
    if (invoice.channel === 'chorus_pro' && invoice.publicProcurement) {
      // Deposited on Chorus Pro by invoicing: the PDF is not mailed as if it were the invoice.
      return [
        deliveryTo(key, billing.contact, 'invoice-chorus-notice', {
          kind: invoice.type,
          invoiceNumber: invoice.number,
          totalInclVatCents: invoice.totalInclVatCents,
          dueDate: invoice.dueDate,
          structureSiret: invoice.publicProcurement.structureSiret,
          serviceCode: invoice.publicProcurement.serviceCode,
          engagementNumber: invoice.publicProcurement.engagementNumber,
          invoiceUrl: this.links.invoice(invoice.invoiceId),
        }),
      ];
    }
    const corrected = invoice.correctsInvoiceId
      ? await this.invoices.byId(invoice.correctsInvoiceId)
      : null;
    // A card or SEPA payment is already on its way: no bank details, no due date to chase.
    const booking = invoice.bookingId ? await this.bookings.forNotice(invoice.bookingId) : null;
    const paidOnline = ['card', 'sepa_debit', 'free'].includes(booking?.confirmationMethod ?? '');
    const chambre = await this.chambre.get();
    return [
      deliveryTo(
        key,
        billing.contact,
        'invoice-issued',
        {
          kind: invoice.type,
          invoiceNumber: invoice.number,
          correctsNumber: corrected?.number ?? null,
          totalInclVatCents: invoice.totalInclVatCents,
          dueDate: invoice.dueDate,
          settled: paidOnline || invoice.status === 'paid',
          membership: invoice.type === 'invoice' ? membership : null,
          paymentReference: invoice.paymentReference,
          iban: chambre.iban,
          bic: chambre.bic,
          invoiceUrl: this.links.invoice(invoice.invoiceId),
        },
        [{ kind: 'invoice-pdf', invoiceId: invoice.invoiceId }],
      ),
    ];
  }

  async paymentReceived(
    key: string,
    invoiceId: string,
    amountCents: number,
  ): Promise<PlannedDelivery[]> {
    const invoice = await this.invoices.byId(invoiceId);
    if (!invoice?.number) return [];
    const billing = await this.contacts.billingContact(invoice.organisationId);
    if (!billing) return [];
    return [
      deliveryTo(key, billing.contact, 'payment-received', {
        invoiceNumber: invoice.number,
        amountCents,
        remainingCents: invoice.amountDueCents,
        invoiceUrl: this.links.invoice(invoice.invoiceId),
      }),
    ];
  }

  async refunded(
    key: string,
    bookingId: string,
    amountCents: number,
    method: 'card' | 'bank_transfer',
  ): Promise<PlannedDelivery[]> {
    const booking = await this.bookings.forNotice(bookingId);
    if (!booking) return [];
    return (await this.booker(booking)).map((contact) =>
      deliveryTo(key, contact, 'refund-issued', {
        offeringTitle: booking.offeringTitle,
        amountCents,
        method,
        bookingUrl: this.links.booking(booking.bookingId),
      }),
    );
  }
}

/** When the dunning letters of an invoice due on `dueDate` go out: 09:00 Paris, N days after. */
export function overdueSchedule(dueDate: string): { stage: OverdueStage; at: Date }[] {
  const due = DateTime.fromISO(dueDate, { zone: 'Europe/Paris' }).set({ hour: 9 });
  return OVERDUE_STAGES.map((stage) => ({ stage, at: due.plus({ days: stage }).toJSDate() }));
}
