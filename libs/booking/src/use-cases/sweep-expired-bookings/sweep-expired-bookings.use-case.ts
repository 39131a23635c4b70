import { Injectable, Logger } from '@nestjs/common';
import { BookingRepository } from '../../repositories/booking.repository';
import { ExpireHoldUseCase } from '../expire-hold/expire-hold.use-case';
import { ExpireOfferUseCase } from '../expire-offer/expire-offer.use-case';

const SWEEP_BATCH = 500;

/** Expires whatever holds and offers are overdue: the safety net when a delayed job was lost. */
@Injectable()
export class SweepExpiredBookingsUseCase {
  private readonly logger = new Logger(SweepExpiredBookingsUseCase.name);

  constructor(
    private readonly bookings: BookingRepository,
    private readonly expireHold: ExpireHoldUseCase,
    private readonly expireOffer: ExpireOfferUseCase,
  ) {}

  async execute(): Promise<{ holds: number; offers: number }> {
    const overdue = await this.bookings.overdueIds(SWEEP_BATCH);
    let holds = 0;
    let offers = 0;
    for (const id of overdue.holds) if ((await this.expireHold.execute(id)) === 'expired') holds++;
    for (const id of overdue.offers)
      if ((await this.expireOffer.execute(id)) === 'expired') offers++;
    if (holds + offers > 0)
      this.logger.log({ holds, offers }, 'sweep expired overdue holds and offers');
    return { holds, offers };
  }
}
