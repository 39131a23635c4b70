import { Injectable } from '@nestjs/common';
import type { ExpiryOutcome } from '../../booking.types';
import { OverdueExpiry } from '../../services/overdue-expiry';

/** Ends a waitlist offer that ran out unaccepted (its delayed job, or the sweep behind it). */
@Injectable()
export class ExpireOfferUseCase {
  constructor(private readonly expiry: OverdueExpiry) {}

  execute(bookingId: string): Promise<ExpiryOutcome> {
    return this.expiry.expire('offer', bookingId);
  }
}
