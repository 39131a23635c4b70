import { Injectable } from '@nestjs/common';
import { Clock } from '@mutualis/core';
import { AttendanceRepository } from '../../repositories/attendance.repository';
import { AttendanceLinksService } from '../../services/attendance-links.service';
import type { HalfDayPeriod } from '../../training.types';

/**
 * Where a link stands: `open` (sign now), `not_yet` / `closed` (outside the window),
 * `signed`, `absent` (recorded by the trainer) or `countersigned` (the sheet is closed).
 */
export type SigningState = 'open' | 'not_yet' | 'closed' | 'signed' | 'absent' | 'countersigned';

export interface SigningPage {
  traineeName: string;
  offeringTitle: string;
  sessionId: string;
  location: string | null;
  /** The session is given remotely: the trainer confirms presence with the countersignature. */
  remote: boolean;
  halfDay: { day: string; period: HalfDayPeriod; startsAt: Date; endsAt: Date };
  window: { opensAt: Date; closesAt: Date };
  state: SigningState;
  signedAt: Date | null;
}

/** What a trainee's phone shows on opening their link (no account: the link is the key). */
@Injectable()
export class GetSigningPageUseCase {
  constructor(
    private readonly links: AttendanceLinksService,
    private readonly attendance: AttendanceRepository,
    private readonly clock: Clock,
  ) {}

  async execute(token: string): Promise<SigningPage> {
    const { halfDay, trainee, session, window } = await this.links.resolve(token);
    const mark = await this.attendance.markOf(halfDay.id, trainee.attendeeId);
    const now = this.clock.now();
    const state: SigningState =
      mark?.status === 'present'
        ? 'signed'
        : mark?.status === 'absent'
          ? 'absent'
          : halfDay.countersignedAt
            ? 'countersigned'
            : now < window.opensAt
              ? 'not_yet'
              : now > window.closesAt
                ? 'closed'
                : 'open';
    return {
      traineeName: trainee.name,
      offeringTitle: session.offeringTitle,
      sessionId: session.sessionId,
      location: session.location,
      remote: session.remoteUrl !== null && session.location === null,
      halfDay: {
        day: halfDay.day,
        period: halfDay.period,
        startsAt: halfDay.startsAt,
        endsAt: halfDay.endsAt,
      },
      window,
      state,
      signedAt: mark?.signedAt ?? null,
    };
  }
}
