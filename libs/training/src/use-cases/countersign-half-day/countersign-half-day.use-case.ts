import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import { ContactDirectoryService, Actor } from '@mutualis/identity';
import { checkSignature, SignatureInput, SignatureRefused } from '../../domain/signature-image';
import { AttendanceRepository } from '../../repositories/attendance.repository';
import { BookingAttendanceSync } from '../../services/booking-attendance-sync';
import { halfDayClosed, HalfDayContext } from '../../services/half-day-context';
import { TrainingErrorCode, TrainingException } from '../../training.exception';

export interface CountersignResult {
  halfDayId: string;
  countersignedAt: Date;
  countersignerName: string;
  /** Trainees with nothing recorded on it: they count as not attended. */
  unsigned: number;
}

/**
 * The trainer countersigns a half-day once it has begun: it closes its sheet (no trainee signs
 * after, nothing recorded changes) and, for a remote session, confirms the remote signatures.
 * The countersignature is kept as given (drawn PNG or typed name) and never altered (triggers).
 */
@Injectable()
export class CountersignHalfDayUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: HalfDayContext,
    private readonly attendance: AttendanceRepository,
    private readonly contacts: ContactDirectoryService,
    private readonly sync: BookingAttendanceSync,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    halfDayId: string,
    input: SignatureInput,
  ): Promise<CountersignResult> {
    const { halfDay, session } = await this.context.run(actor, halfDayId);
    const signature = await checkSignature(input).catch((error: unknown) => {
      if (error instanceof SignatureRefused) {
        throw new TrainingException(TrainingErrorCode.InvalidSignature, error.message, [
          { field: 'signature', message: error.message },
        ]);
      }
      throw error;
    });
    const names = await this.contacts.namesByIds([actor.userId]);
    const countersignerName = signature.typedName ?? names.get(actor.userId) ?? 'Formateur';
    const now = this.clock.now();
    if (now < halfDay.startsAt) {
      throw new TrainingException(
        TrainingErrorCode.SigningClosed,
        'a half-day is countersigned once it has begun',
      );
    }
    const result = await this.dataSource.transaction(async (manager) => {
      const locked = await this.attendance.lockHalfDay(halfDay.id, manager);
      if (!locked) throw new Error(`half-day ${halfDay.id} vanished`);
      if (locked.countersignedAt) throw halfDayClosed();
      await this.attendance.countersign(
        halfDay.id,
        {
          countersignedAt: now,
          countersignedBy: actor.userId,
          countersignerName,
          countersignaturePng: signature.png,
        },
        manager,
      );
      return this.attendance.countMarks(halfDay.id, manager);
    });
    const trainees = await this.context.traineesOf(session.sessionId);
    await this.sync.sync(actor, session.sessionId);
    return {
      halfDayId: halfDay.id,
      countersignedAt: now,
      countersignerName,
      unsigned: Math.max(0, trainees.length - result),
    };
  }
}
