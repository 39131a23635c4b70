import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '@mutualis/identity';
import { minutesOf } from '../../domain/half-days';
import { AttendanceRepository } from '../../repositories/attendance.repository';
import { BookingAttendanceSync } from '../../services/booking-attendance-sync';
import { halfDayClosed, HalfDayContext } from '../../services/half-day-context';
import { TrainingErrorCode, TrainingException } from '../../training.exception';

export interface AbsenceCommand {
  halfDayId: string;
  attendeeId: string;
  reason: string;
}

export interface MinutesMissedCommand {
  halfDayId: string;
  attendeeId: string;
  /** Minutes of the half-day the trainee missed (late arrival, early departure). */
  minutes: number;
}

/**
 * What the trainer records on a half-day before countersigning it: a trainee absent (with the
 * reason), or the minutes a signed trainee missed. A signature is never overwritten: a trainee
 * who signed cannot be made absent, and an absent one cannot sign afterwards.
 */
@Injectable()
export class RecordAbsenceUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: HalfDayContext,
    private readonly attendance: AttendanceRepository,
    private readonly sync: BookingAttendanceSync,
  ) {}

  async absent(actor: Actor, command: AbsenceCommand): Promise<void> {
    const { halfDay, session } = await this.context.run(actor, command.halfDayId);
    const trainee = await this.context.trainee(session.sessionId, command.attendeeId);
    const reason = command.reason.replace(/\s+/g, ' ').trim();
    if (reason.length < 1 || reason.length > 500) {
      throw new TrainingException(TrainingErrorCode.InvalidAttendance, 'give the reason', [
        { field: 'reason', message: 'must be 1 to 500 characters' },
      ]);
    }
    await this.dataSource.transaction(async (manager) => {
      const locked = await this.attendance.lockHalfDay(halfDay.id, manager);
      if (locked?.countersignedAt) throw halfDayClosed();
      const existing = await this.attendance.markOf(halfDay.id, trainee.attendeeId, manager);
      if (existing) {
        throw new TrainingException(
          TrainingErrorCode.AlreadySigned,
          existing.status === 'present'
            ? 'this trainee signed for this half-day: a signature cannot be undone'
            : 'this trainee is already recorded absent for this half-day',
        );
      }
      await this.attendance.insertAbsence(
        {
          halfDayId: halfDay.id,
          attendeeId: trainee.attendeeId,
          bookingId: trainee.bookingId,
          reason,
          recordedBy: actor.userId,
        },
        manager,
      );
    });
    await this.sync.sync(actor, session.sessionId);
  }

  async minutesMissed(actor: Actor, command: MinutesMissedCommand): Promise<void> {
    const { halfDay, session } = await this.context.run(actor, command.halfDayId);
    const trainee = await this.context.trainee(session.sessionId, command.attendeeId);
    if (
      !Number.isInteger(command.minutes) ||
      command.minutes < 0 ||
      command.minutes >= minutesOf(halfDay)
    ) {
      throw new TrainingException(
        TrainingErrorCode.InvalidAttendance,
        'minutes missed are fewer than the half-day lasts (record an absence instead)',
        [{ field: 'minutes', message: `must be 0 to ${minutesOf(halfDay) - 1}` }],
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const locked = await this.attendance.lockHalfDay(halfDay.id, manager);
      if (locked?.countersignedAt) throw halfDayClosed();
      const mark = await this.attendance.markOf(halfDay.id, trainee.attendeeId, manager);
      if (mark?.status !== 'present') {
        throw new TrainingException(
          TrainingErrorCode.InvalidAttendance,
          'minutes missed are recorded once the trainee signed for the half-day',
          [{ field: 'attendeeId', message: 'has not signed for this half-day' }],
        );
      }
      await this.attendance.setMinutesMissed(mark.id, command.minutes, actor.userId, manager);
    });
  }
}
