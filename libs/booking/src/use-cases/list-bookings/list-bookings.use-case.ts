import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, Page } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { BookingStatus } from '../../booking.types';
import { BookingRepository } from '../../repositories/booking.repository';
import { BookingAccessService } from '../../services/booking-access.service';
import { BookingView, presentBooking } from '../../views/booking.view';

export interface ListBookingsQuery {
  organisationId?: string;
  sessionId?: string;
  statuses?: BookingStatus[];
  limit: number;
  cursor?: string;
}

/** Bookings the caller may see: their organisations', their offerings' (consultants), or all (staff). */
@Injectable()
export class ListBookingsUseCase {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly access: BookingAccessService,
  ) {}

  async execute(actor: Actor, query: ListBookingsQuery): Promise<Page<BookingView>> {
    const scope = await this.access.listScope(actor);
    const rows = await this.bookings.list({
      ...scope,
      organisationId: query.organisationId,
      sessionId: query.sessionId,
      statuses: query.statuses,
      limit: query.limit,
      after: decodeCursor(query.cursor),
    });
    const page = rows.slice(0, query.limit);
    const attendees = await this.bookings.attendeesOf(page.map((booking) => booking.id));
    const last = page.at(-1);
    return {
      items: page.map((booking) => presentBooking(booking, attendees)),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    };
  }
}
