import { Injectable } from '@nestjs/common';
import type { ExpiryOutcome } from '../../booking.types';
import { OverdueExpiry } from '../../services/overdue-expiry';

/** Ends a hold that ran out unpaid (its delayed job, or the sweep behind it). */
@Injectable()
export class ExpireHoldUseCase {
  constructor(private readonly expiry: OverdueExpiry) {}

  execute(bookingId: string): Promise<ExpiryOutcome> {
    return this.expiry.expire('hold', bookingId);
  }
}
