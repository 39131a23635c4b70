import { Injectable } from '@nestjs/common';
import { BookingFactsService, SessionTraineeFacts } from '@mutualis/booking';
import { SessionFacts } from '@mutualis/catalogue';
import { Actor } from '@mutualis/identity';
import { HalfDay } from '../entities/half-day.entity';
import { HalfDayRepository } from '../repositories/half-day.repository';
import { TrainingErrorCode, TrainingException } from '../training.exception';
import { TrainingSessionAccess } from './session-access';

export function halfDayNotFound(): TrainingException {
  return new TrainingException(TrainingErrorCode.HalfDayNotFound, 'half-day not found');
}

export function halfDayClosed(): TrainingException {
  return new TrainingException(
    TrainingErrorCode.HalfDayClosed,
    'this half-day is countersigned: its sheet is closed',
  );
}

/** A half-day the actor runs (its session's consultant, an admin), else « not found ». */
@Injectable()
export class HalfDayContext {
  constructor(
    private readonly halfDays: HalfDayRepository,
    private readonly access: TrainingSessionAccess,
    private readonly bookings: BookingFactsService,
  ) {}

  async run(actor: Actor, halfDayId: string): Promise<{ halfDay: HalfDay; session: SessionFacts }> {
    const halfDay = await this.halfDays.findById(halfDayId);
    if (!halfDay) throw halfDayNotFound();
    const session = await this.access.assertCanRun(actor, halfDay.sessionId).catch(() => {
      throw halfDayNotFound();
    });
    return { halfDay, session };
  }

  traineesOf(sessionId: string): Promise<SessionTraineeFacts[]> {
    return this.bookings.traineesOfSession(sessionId);
  }

  /** A trainee of the session, or a 422 naming the field. */
  async trainee(sessionId: string, attendeeId: string): Promise<SessionTraineeFacts> {
    const trainee = (await this.bookings.traineesOfSession(sessionId)).find(
      (candidate) => candidate.attendeeId === attendeeId,
    );
    if (!trainee) {
      throw new TrainingException(
        TrainingErrorCode.InvalidAttendance,
        'this trainee is not on a confirmed booking of the session',
        [{ field: 'attendeeId', message: 'is not a trainee of this session' }],
      );
    }
    return trainee;
  }
}
