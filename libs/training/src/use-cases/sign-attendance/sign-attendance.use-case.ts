import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import { checkSignature, SignatureInput, SignatureRefused } from '../../domain/signature-image';
import { AttendanceRepository } from '../../repositories/attendance.repository';
import { AttendanceLinksService } from '../../services/attendance-links.service';
import { TrainingErrorCode, TrainingException } from '../../training.exception';
import { TrainingConventionsService } from '../../services/training-conventions.service';

export interface SignAttendanceCommand {
  token: string;
  signature: SignatureInput;
  /** What this phone got back from its last signature on the session, if any. */
  devicePass?: string;
  ipAddress: string | null;
  userAgent: string | null;
}

export interface SignedAttendance {
  signedAt: Date;
  /** Kept by the phone and sent with its next signature: it signs for this trainee only. */
  devicePass: string;
}

/**
 * A trainee signs a half-day from their link: only during the half-day (± the margin), once,
 * before the trainer's countersignature, and not from a phone that already signed as a colleague.
 */
@Injectable()
export class SignAttendanceUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: AttendanceLinksService,
    private readonly attendance: AttendanceRepository,
    private readonly conventions: TrainingConventionsService,
    private readonly clock: Clock,
  ) {}

  async execute(command: SignAttendanceCommand): Promise<SignedAttendance> {
    const { halfDay, trainee, session, window } = await this.links.resolve(command.token);
    const signature = await checkSignature(command.signature).catch((error: unknown) => {
      if (error instanceof SignatureRefused) {
        throw new TrainingException(TrainingErrorCode.InvalidSignature, error.message, [
          { field: 'signature', message: error.message },
        ]);
      }
      throw error;
    });
    const device = await this.links.deviceTrainee(command.devicePass, session.sessionId);
    if (device && device !== trainee.attendeeId) {
      throw new TrainingException(
        TrainingErrorCode.WrongTrainee,
        'this phone already signed for another trainee of this session: each trainee signs with their own link',
      );
    }
    if (await this.conventions.awaitedBeforeSession(trainee.bookingId)) {
      throw new TrainingException(
        TrainingErrorCode.ConventionUnsigned,
        'your organisation has not signed the convention of this training yet: the Chambre asks for it before the session',
      );
    }
    const signedAt = await this.dataSource.transaction(async (manager) => {
      const locked = await this.attendance.lockHalfDay(halfDay.id, manager);
      if (!locked) throw new Error(`half-day ${halfDay.id} vanished`);
      const existing = await this.attendance.markOf(halfDay.id, trainee.attendeeId, manager);
      if (existing) {
        throw new TrainingException(
          TrainingErrorCode.AlreadySigned,
          existing.status === 'present'
            ? 'you already signed for this half-day'
            : 'the trainer recorded you absent for this half-day',
        );
      }
      if (locked.countersignedAt) {
        throw new TrainingException(
          TrainingErrorCode.HalfDayClosed,
          'the trainer countersigned this half-day: its sheet is closed',
        );
      }
      const now = this.clock.now();
      if (now < window.opensAt || now > window.closesAt) {
        throw new TrainingException(
          TrainingErrorCode.SigningClosed,
          now < window.opensAt
            ? 'signing for this half-day has not opened yet'
            : 'signing for this half-day is closed',
        );
      }
      await this.attendance.insertPresence(
        {
          halfDayId: halfDay.id,
          attendeeId: trainee.attendeeId,
          bookingId: trainee.bookingId,
          signedAt: now,
          signatureKind: signature.kind,
          signaturePng: signature.png,
          typedName: signature.typedName,
          remote: session.remoteUrl !== null && session.location === null,
          ipAddress: command.ipAddress,
          userAgent: command.userAgent?.slice(0, 500) ?? null,
        },
        manager,
      );
      return now;
    });
    return {
      signedAt,
      devicePass: await this.links.devicePassFor(session.sessionId, trainee.attendeeId),
    };
  }
}
