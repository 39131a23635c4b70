import { Injectable, Logger } from '@nestjs/common';
import { BookUseCase, CancelBookingUseCase, ConfirmBookingUseCase } from '@mutualis/booking';
import { Actor } from '@mutualis/identity';
import { SeededOffering } from './catalogue.seeder';

export interface DemoMember {
  actor: Actor;
  organisationId: string;
  /** A public body's engagement number (its Chorus Pro structure requires one). */
  engagementNumber?: string;
}

const FIRST_NAMES = [
  'Camille',
  'Lucas',
  'Manon',
  'Hugo',
  'Léa',
  'Nathan',
  'Chloé',
  'Yanis',
  'Inès',
  'Théo',
];
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Roux',
  'Garcia',
  'Fabre',
  'Morel',
  'Girard',
  'Blanc',
  'Guerin',
  'Faure',
];

/**
 * Books the demo sessions through the members' own use case: the sessions marked full are
 * filled (and confirmed by the Chambre, as for a cheque), a few bookings show the other states.
 */
@Injectable()
export class BookingSeeder {
  private readonly logger = new Logger(BookingSeeder.name);
  private attendeeCount = 0;

  constructor(
    private readonly book: BookUseCase,
    private readonly confirm: ConfirmBookingUseCase,
    private readonly cancel: CancelBookingUseCase,
  ) {}

  async seed(offerings: SeededOffering[], everyone: DemoMember[], admin: Actor): Promise<number> {
    // Public bodies book once, with their engagement number (below); the others fill sessions.
    const members = everyone.filter((member) => !member.engagementNumber);
    const publicBodies = everyone.filter((member) => member.engagementNumber);
    let bookings = 0;
    for (const seeded of offerings.filter((offering) => offering.demo.status === 'published')) {
      for (const [index, session] of seeded.demo.sessions.entries()) {
        if (!session.full) continue;
        bookings += await this.fill(seeded.sessionIds[index], session.capacity, members, admin);
        // Someone is always waiting for a seat on a full session.
        await this.bookSeats(members[1], seeded.sessionIds[index], 1);
        bookings++;
      }
    }
    // A member organisation's confirmed booking, another's still awaiting payment.
    const open = offerings.filter(
      (offering) => offering.demo.status === 'published' && offering.sessionIds.length > 1,
    );
    if (open.length >= 2) {
      const confirmed = await this.bookSeats(members[0], open[0].sessionIds[1], 2);
      await this.confirm.execute({
        bookingId: confirmed.id,
        method: 'cheque',
        confirmedBy: admin.userId,
      });
      await this.bookSeats(members[3], open[1].sessionIds[1], 1);
      // Confirmed, then cancelled by the Chambre with everything refunded: its invoice and the
      // credit note that cancels it.
      const cancelled = await this.bookSeats(members[2], open[0].sessionIds[1], 1);
      await this.confirm.execute({
        bookingId: cancelled.id,
        method: 'cheque',
        confirmedBy: admin.userId,
      });
      await this.cancel.execute({
        actor: admin,
        bookingId: cancelled.id,
        reason: "Empêchement de l'association, annulée par la Chambre",
        fullRefund: true,
      });
      bookings += 3;
      // A public buyer's booking, confirmed on its administrative mandate: its invoice goes to
      // its Chorus Pro structure with the engagement number.
      for (const buyer of publicBodies) {
        const booked = await this.bookSeats(buyer, open[1].sessionIds[1], 2);
        await this.confirm.execute({
          bookingId: booked.id,
          method: 'administrative_mandate',
          confirmedBy: admin.userId,
        });
        bookings++;
      }
    }
    this.logger.log(bookings ? `seeded ${bookings} bookings` : 'no new offering to book');
    return bookings;
  }

  private async fill(
    sessionId: string,
    capacity: number,
    members: DemoMember[],
    admin: Actor,
  ): Promise<number> {
    let left = capacity;
    let made = 0;
    for (let turn = 0; left > 0; turn++) {
      const seats = Math.min(left, 4);
      const booking = await this.bookSeats(members[turn % members.length], sessionId, seats);
      await this.confirm.execute({
        bookingId: booking.id,
        method: 'cheque',
        confirmedBy: admin.userId,
      });
      left -= seats;
      made++;
    }
    return made;
  }

  private async bookSeats(member: DemoMember, sessionId: string, seats: number) {
    const attendees = Array.from({ length: seats }, () => {
      const n = this.attendeeCount++;
      const first = FIRST_NAMES[n % FIRST_NAMES.length];
      const last = LAST_NAMES[Math.floor(n / FIRST_NAMES.length) % LAST_NAMES.length];
      return {
        name: `${first} ${last}`,
        email: `${first}.${last}.${n}@demo.mutualis.fr`.toLowerCase(),
      };
    });
    const result = await this.book.execute({
      actor: member.actor,
      organisationId: member.organisationId,
      sessionId,
      attendees,
      engagementNumber: member.engagementNumber,
    });
    return result.body;
  }
}
