import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  Clock,
  Environment,
  IdempotencyService,
  IdempotentResponse,
  OutboxService,
} from '@mutualis/core';
import {
  Offering,
  PricingService,
  SeatInventoryService,
  TrainingSession,
} from '@mutualis/catalogue';
import {
  Actor,
  InvoiceableBuyerService,
  MembershipService,
  MembershipStanding,
  OrganisationAccessService,
  VerifiedAccountService,
} from '@mutualis/identity';
import { BookingErrorCode, BookingException } from '../../booking.exception';
import { Booking } from '../../entities/booking.entity';
import {
  BookingRepository,
  NewBooking,
  StoredBooking,
} from '../../repositories/booking.repository';
import { bookingEvent, expiryDue } from '../../services/booking-events';
import {
  ProcurementReferences,
  ProcurementReferencesService,
} from '../../services/procurement-references.service';
import { BookingEvents } from '../../booking.events';
import { BookingView, presentBooking } from '../../views/booking.view';
import { bookedVatTreatment, priceBooking } from './booking-price';

export interface AttendeeInput {
  name: string;
  email: string;
}

/**
 * What the caller may still hold without paying, after this booking: the unpaid places of the
 * organisation and of the user, each against its limit, and the smaller room left.
 */
export interface UnpaidPlacesAllowance {
  organisation: { limit: number; held: number };
  user: { limit: number; held: number };
  remaining: number;
}

/** A new booking with the unpaid-places allowance left (only the creating answer carries it). */
export interface BookedView extends BookingView {
  unpaidPlaces: UnpaidPlacesAllowance;
}

export interface BookCommand {
  actor: Actor;
  organisationId: string;
  sessionId?: string;
  slotId?: string;
  attendees: AttendeeInput[];
  /**
   * A public body's Chorus Pro references for the invoice: required when its structure
   * requires them; the structure's default service code when none is given.
   */
  engagementNumber?: string | null;
  serviceCode?: string | null;
  /** With the request body it came with: a replay answers the first response. */
  idempotency?: { key: string; body: unknown };
}

/**
 * An organisation's member books seats on a session (or a consultation slot) for named
 * attendees. Seats are taken by a conditional update under the session's row lock, so they
 * never exceed capacity; a full session puts the booking on its waitlist. The price (member
 * or not on the session's date) and VAT are snapshotted, and the events written, in the same
 * transaction.
 */
@Injectable()
export class BookUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingRepository,
    private readonly inventory: SeatInventoryService,
    private readonly organisations: OrganisationAccessService,
    private readonly buyers: InvoiceableBuyerService,
    private readonly memberships: MembershipService,
    private readonly pricing: PricingService,
    private readonly verified: VerifiedAccountService,
    private readonly procurement: ProcurementReferencesService,
    private readonly idempotency: IdempotencyService,
    private readonly outbox: OutboxService,
    private readonly config: ConfigService<Environment, true>,
    private readonly clock: Clock,
  ) {}

  async execute(command: BookCommand): Promise<IdempotentResponse<BookedView>> {
    this.assertAttendees(command);
    return this.dataSource.transaction(async (manager) => {
      // On the transaction's connection (one pool checkout per booking).
      await this.organisations.assertBelongsTo(command.actor, command.organisationId, manager);
      // Before a seat is held or a price quoted: what the Chambre cannot invoice is not booked.
      await this.buyers.assertInvoiceable(command.organisationId, manager);
      // The organisation's membership years, for the price once the service date is known.
      const standing = await this.memberships.standingOf(command.organisationId, manager);
      // After the check that the caller belongs to it, so a stranger learns nothing.
      await this.verified.assertEmailVerified(command.actor.userId, manager);
      // Before a seat is held: a public body's invoice without them is rejected by Chorus Pro.
      const references = await this.procurement.forNewBooking(
        command.organisationId,
        command,
        manager,
      );
      const run = async () => ({
        status: 201,
        body: await this.book(command, standing, references, manager),
      });
      if (!command.idempotency) return { ...(await run()), replayed: false };
      return this.idempotency.once(
        manager,
        { scope: `user:${command.actor.userId}:POST /bookings`, ...command.idempotency },
        run,
      );
    });
  }

  /** Answers the booking as inserted: nothing else can have changed it in this transaction. */
  private async book(
    command: BookCommand,
    standing: MembershipStanding,
    references: ProcurementReferences,
    manager: EntityManager,
  ): Promise<BookedView> {
    // Taken before the session's lock, so bookers of one organisation queue here without
    // holding up the rest of the session.
    await this.bookings.lockUnpaidPlaces(command.organisationId, command.actor.userId, manager);
    const { booking, attendees } = command.sessionId
      ? await this.bookSession(command, command.sessionId, standing, references, manager)
      : await this.bookSlot(command, command.slotId!, standing, references, manager);
    const held = await this.bookings.unpaidPlaces(
      command.organisationId,
      command.actor.userId,
      this.clock.now(),
      manager,
    );
    return { ...presentBooking(booking, attendees), unpaidPlaces: this.allowance(held) };
  }

  /**
   * Refuses a booking that would take the organisation's or the user's unpaid places past their
   * limit (seat squatting: holding a session's seats for free, hold after hold). Counted under
   * the organisation's and user's locks, before this booking is written; only seats actually
   * held count, so a booking that goes to the waitlist is never refused.
   */
  private async assertUnpaidPlacesAllowed(
    command: BookCommand,
    places: number,
    manager: EntityManager,
  ): Promise<void> {
    const held = await this.bookings.unpaidPlaces(
      command.organisationId,
      command.actor.userId,
      this.clock.now(),
      manager,
    );
    const { organisation, user } = this.limits();
    const free = 'Pay or cancel a booking awaiting payment to free places.';
    if (held.organisation + places > organisation) {
      throw new BookingException(
        BookingErrorCode.UnpaidPlacesLimit,
        `your organisation already holds ${held.organisation} unpaid place(s) and may hold at most ${organisation} at once; this booking needs ${places}. ${free}`,
        [
          {
            field: 'attendees',
            message: `at most ${Math.max(0, organisation - held.organisation)} more unpaid place(s) for now`,
          },
        ],
      ).with({
        scope: 'organisation',
        limit: organisation,
        held: held.organisation,
        requested: places,
      });
    }
    if (held.user + places > user) {
      throw new BookingException(
        BookingErrorCode.UnpaidPlacesLimit,
        `you already hold ${held.user} unpaid place(s) across your organisations and may hold at most ${user} at once; this booking needs ${places}. ${free}`,
        [
          {
            field: 'attendees',
            message: `at most ${Math.max(0, user - held.user)} more unpaid place(s) for now`,
          },
        ],
      ).with({ scope: 'user', limit: user, held: held.user, requested: places });
    }
  }

  private limits(): { organisation: number; user: number } {
    return {
      organisation: this.config.get('BOOKING_UNPAID_PLACES_PER_ORGANISATION', { infer: true }),
      user: this.config.get('BOOKING_UNPAID_PLACES_PER_USER', { infer: true }),
    };
  }

  private allowance(held: { organisation: number; user: number }): UnpaidPlacesAllowance {
    const limits = this.limits();
    return {
      organisation: { limit: limits.organisation, held: held.organisation },
      user: { limit: limits.user, held: held.user },
      remaining: Math.max(
        0,
        Math.min(limits.organisation - held.organisation, limits.user - held.user),
      ),
    };
  }

  private async bookSession(
    command: BookCommand,
    sessionId: string,
    standing: MembershipStanding,
    references: ProcurementReferences,
    manager: EntityManager,
  ): Promise<StoredBooking> {
    const locked = await this.inventory.lockSession(sessionId, manager);
    if (!locked || locked.offering.status !== 'published') {
      throw new BookingException(BookingErrorCode.SessionNotFound, 'session not found');
    }
    const { session, offering } = locked;
    const seats = command.attendees.length;
    this.assertBookable(session, seats);
    if (offering.maxSeatsPerOrganisation !== null) {
      const already = await this.bookings.seatsOfOrganisation(
        session.id,
        command.organisationId,
        manager,
      );
      if (already + seats > offering.maxSeatsPerOrganisation) {
        throw new BookingException(
          BookingErrorCode.OrganisationSeatLimit,
          `an organisation may book at most ${offering.maxSeatsPerOrganisation} seats on this session; yours has ${already}`,
          [
            {
              field: 'attendees',
              message: `at most ${offering.maxSeatsPerOrganisation - already} more`,
            },
          ],
        );
      }
    }
    const seated = await this.inventory.takeSeats(session.id, seats, manager);
    // A refusal rolls the seats just taken back with the transaction.
    if (seated) await this.assertUnpaidPlacesAllowed(command, seats, manager);
    const now = this.clock.now();
    const fields = {
      ...this.snapshot(command, standing, offering, session.startsAt, seats),
      ...references,
    };
    const created = await this.bookings.create(
      seated
        ? { ...fields, sessionId: session.id, slotId: null, ...this.hold(now, session.startsAt) }
        : {
            ...fields,
            sessionId: session.id,
            slotId: null,
            status: 'waitlisted',
            waitlistedAt: now,
            holdExpiresAt: null,
          },
      command.attendees,
      manager,
    );
    await this.recordCreation(created.booking, manager);
    return created;
  }

  private async bookSlot(
    command: BookCommand,
    slotId: string,
    standing: MembershipStanding,
    references: ProcurementReferences,
    manager: EntityManager,
  ): Promise<StoredBooking> {
    const booked = await this.inventory.bookSlot(slotId, manager);
    if (!booked || booked.offering.status !== 'published') {
      const slot = await this.inventory.findSlot(slotId, manager);
      if (!slot || (booked && booked.offering.status !== 'published')) {
        throw new BookingException(BookingErrorCode.SlotNotFound, 'slot not found');
      }
      throw new BookingException(
        BookingErrorCode.SlotUnavailable,
        slot.startsAt <= this.clock.now()
          ? 'this slot has already begun'
          : 'this slot is no longer free',
      );
    }
    await this.assertUnpaidPlacesAllowed(command, 1, manager);
    const fields = {
      ...this.snapshot(command, standing, booked.offering, booked.slot.startsAt, 1),
      ...references,
    };
    const created = await this.bookings.create(
      { ...fields, sessionId: null, slotId, ...this.hold(this.clock.now(), booked.slot.startsAt) },
      command.attendees,
      manager,
    );
    await this.recordCreation(created.booking, manager);
    return created;
  }

  private assertBookable(session: TrainingSession, seats: number): void {
    const now = this.clock.now();
    if (session.status !== 'scheduled') {
      throw new BookingException(
        BookingErrorCode.SessionNotBookable,
        `this session is ${session.status}`,
      );
    }
    if (session.startsAt <= now) {
      throw new BookingException(
        BookingErrorCode.SessionNotBookable,
        'this session has already begun',
      );
    }
    if (session.registrationDeadline <= now) {
      throw new BookingException(
        BookingErrorCode.RegistrationClosed,
        `registration closed on ${session.registrationDeadline.toISOString()}`,
      );
    }
    if (seats > session.capacity) {
      throw new BookingException(
        BookingErrorCode.MoreSeatsThanCapacity,
        `this session has ${session.capacity} seats in all; ${seats} can never fit`,
        [{ field: 'attendees', message: `at most ${session.capacity}` }],
      );
    }
  }

  /** Price, VAT and cancellation policy as they are now: later catalogue edits never change them. */
  private snapshot(
    command: BookCommand,
    standing: MembershipStanding,
    offering: Offering,
    startsAt: Date,
    seats: number,
  ): Omit<
    NewBooking,
    | 'sessionId'
    | 'slotId'
    | 'status'
    | 'holdExpiresAt'
    | 'waitlistedAt'
    | 'engagementNumber'
    | 'serviceCode'
  > {
    const price = this.pricing.priceOn(offering, startsAt, { membership: standing });
    const vatTreatment = bookedVatTreatment(offering.vatTreatment, price.memberPrice);
    return {
      organisationId: command.organisationId,
      bookedBy: command.actor.userId,
      offeringId: offering.id,
      seats,
      memberPrice: price.memberPrice,
      vatTreatment,
      ...priceBooking(price.unitPriceCents, seats, vatTreatment),
      cancellationPolicy: offering.cancellationPolicy,
      serviceStartsAt: startsAt,
      offerExpiresAt: null,
    };
  }

  /** A hold never lasts past the start of the service. */
  private hold(
    now: Date,
    startsAt: Date,
  ): Pick<NewBooking, 'status' | 'holdExpiresAt' | 'waitlistedAt'> {
    const seconds = this.config.get('BOOKING_HOLD_SECONDS', { infer: true });
    return {
      status: 'pending_payment',
      holdExpiresAt: new Date(Math.min(now.getTime() + seconds * 1000, startsAt.getTime())),
      waitlistedAt: null,
    };
  }

  private async recordCreation(booking: Booking, manager: EntityManager): Promise<void> {
    if (booking.status === 'waitlisted') {
      await this.outbox.record(manager, bookingEvent(BookingEvents.Waitlisted, booking));
      return;
    }
    await this.outbox.record(
      manager,
      bookingEvent(BookingEvents.Created, booking, {
        totalInclVatCents: booking.totalInclVatCents,
      }),
      expiryDue('hold', booking, booking.holdExpiresAt!),
    );
  }

  private assertAttendees(command: BookCommand): void {
    const target = command.sessionId ? 'sessionId' : 'slotId';
    if (!!command.sessionId === !!command.slotId) {
      throw new BookingException(
        BookingErrorCode.InvalidBooking,
        'book either a sessionId or a slotId',
        [{ field: target, message: 'give exactly one of sessionId and slotId' }],
      );
    }
    const emails = command.attendees.map((attendee) => attendee.email.trim().toLowerCase());
    if (new Set(emails).size !== emails.length) {
      throw new BookingException(
        BookingErrorCode.InvalidBooking,
        'each attendee needs their own e-mail address',
        [{ field: 'attendees', message: 'must not repeat an e-mail address' }],
      );
    }
    if (command.slotId && command.attendees.length > 3) {
      throw new BookingException(
        BookingErrorCode.InvalidBooking,
        'a consultation is for at most 3 people',
        [{ field: 'attendees', message: 'at most 3 for a consultation' }],
      );
    }
  }
}
