import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ANONYMOUS_PRICING,
  presentSession,
  PricingService,
  RescheduleSessionCommand,
  RescheduleSessionUseCase,
  SessionView,
} from '@mutualis/catalogue';
import { BookingRepository } from '../../repositories/booking.repository';

/**
 * PATCH /sessions/:id: the session moves (catalogue) and its live bookings' service start with
 * it, in one transaction; the trainees hear of it through their revised convocations.
 */
@Injectable()
export class RescheduleSessionWithBookingsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: RescheduleSessionUseCase,
    private readonly bookings: BookingRepository,
    private readonly pricing: PricingService,
  ) {}

  execute(command: RescheduleSessionCommand): Promise<SessionView> {
    return this.dataSource.transaction(async (manager) => {
      const { session, offering, changed } = await this.sessions.within(manager, command);
      if (changed.includes('dates')) {
        await this.bookings.moveServiceStart(session.id, session.startsAt, manager);
      }
      return presentSession(
        session,
        this.pricing.priceOn(offering, session.startsAt, ANONYMOUS_PRICING),
        true,
      );
    });
  }
}
