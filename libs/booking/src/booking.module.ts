import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '@mutualis/catalogue';
import { IdentityModule } from '@mutualis/identity';
import { bookingEntities } from './entities';
import { BookingPersonalDataRepository } from './repositories/booking-personal-data.repository';
import { BookingRepository } from './repositories/booking.repository';
import { BookingAccessService } from './services/booking-access.service';
import { BookingFactsService } from './services/booking-facts.service';
import { ProcurementReferencesService } from './services/procurement-references.service';
import { BookingPaymentFactsService } from './services/booking-payment-facts.service';
import { WaitlistService } from './services/waitlist.service';
import { AcceptOfferUseCase } from './use-cases/accept-offer/accept-offer.use-case';
import { BookUseCase } from './use-cases/book/book.use-case';
import { BookingReleaser } from './services/booking-releaser';
import { OverdueExpiry } from './services/overdue-expiry';
import { CancelBookingUseCase } from './use-cases/cancel-booking/cancel-booking.use-case';
import { CancelSessionWithBookingsUseCase } from './use-cases/cancel-session/cancel-session-with-bookings.use-case';
import { RescheduleSessionWithBookingsUseCase } from './use-cases/reschedule-session/reschedule-session-with-bookings.use-case';
import { ConfirmBookingUseCase } from './use-cases/confirm-booking/confirm-booking.use-case';
import { ExpireHoldUseCase } from './use-cases/expire-hold/expire-hold.use-case';
import { ExpireOfferUseCase } from './use-cases/expire-offer/expire-offer.use-case';
import { SweepExpiredBookingsUseCase } from './use-cases/sweep-expired-bookings/sweep-expired-bookings.use-case';
import { ListAttendeesUseCase } from './use-cases/list-attendees/list-attendees.use-case';
import { ListBookingsUseCase } from './use-cases/list-bookings/list-bookings.use-case';
import { GetBookingUseCase } from './use-cases/get-booking/get-booking.use-case';
import { ExpireUnpaidBookingUseCase } from './use-cases/expire-unpaid-booking/expire-unpaid-booking.use-case';
import { ExtendHoldUseCase } from './use-cases/extend-hold/extend-hold.use-case';
import { MarkAttendanceUseCase } from './use-cases/mark-attendance/mark-attendance.use-case';
import { BookingHandlers } from './jobs/booking.handlers';

const useCases = [
  AcceptOfferUseCase,
  BookUseCase,
  CancelBookingUseCase,
  CancelSessionWithBookingsUseCase,
  RescheduleSessionWithBookingsUseCase,
  ConfirmBookingUseCase,
  ExpireHoldUseCase,
  ExpireOfferUseCase,
  SweepExpiredBookingsUseCase,
  ExpireUnpaidBookingUseCase,
  ExtendHoldUseCase,
  ListAttendeesUseCase,
  ListBookingsUseCase,
  GetBookingUseCase,
  MarkAttendanceUseCase,
];

/** Bookings, seats and holds, the waitlist, cancellation and attendance. */
@Module({
  imports: [TypeOrmModule.forFeature(bookingEntities), IdentityModule, CatalogueModule],
  providers: [
    BookingHandlers,
    BookingRepository,
    BookingAccessService,
    BookingFactsService,
    BookingPaymentFactsService,
    ProcurementReferencesService,
    WaitlistService,
    BookingReleaser,
    OverdueExpiry,
    BookingPersonalDataRepository,
    ...useCases,
  ],
  exports: [
    BookingFactsService,
    BookingPaymentFactsService,
    BookingPersonalDataRepository,
    ProcurementReferencesService,
    ...useCases,
  ],
})
export class BookingModule {}
