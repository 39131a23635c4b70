import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AttendanceMark } from '../entities/attendance-mark.entity';
import { HalfDay } from '../entities/half-day.entity';
import type { SignatureKind } from '../training.types';

export interface NewPresence {
  halfDayId: string;
  attendeeId: string;
  bookingId: string;
  signedAt: Date;
  signatureKind: SignatureKind;
  signaturePng: Buffer | null;
  typedName: string | null;
  remote: boolean;
  ipAddress: string | null;
  userAgent: string | null;
}

export interface NewAbsence {
  halfDayId: string;
  attendeeId: string;
  bookingId: string;
  reason: string;
  recordedBy: string;
}

export interface Countersignature {
  countersignedAt: Date;
  countersignedBy: string;
  countersignerName: string;
  countersignaturePng: Buffer | null;
}

/**
 * Signatures, absences and countersignatures of half-days. Rows are only ever added (and minutes
 * missed set before the countersignature): the migration's triggers refuse anything else.
 */
@Injectable()
export class AttendanceRepository {
  private key: Buffer | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The key signing links are derived from (one row, made by the migration). */
  async signingKey(manager: EntityManager = this.dataSource.manager): Promise<Buffer> {
    if (this.key) return this.key;
    const [row] = await manager.query<{ secret: Buffer }[]>(
      `SELECT secret FROM training_signing_key`,
    );
    if (!row) throw new Error('the signing key is missing: run the migrations');
    this.key = row.secret;
    return this.key;
  }

  /** The half-day, locked, so a signature and the countersignature are never interleaved. */
  lockHalfDay(id: string, manager: EntityManager): Promise<HalfDay | null> {
    return manager.findOne(HalfDay, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  markOf(
    halfDayId: string,
    attendeeId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AttendanceMark | null> {
    return manager.findOneBy(AttendanceMark, { halfDayId, attendeeId });
  }

  /** The marks of one trainee on a session's half-days. */
  marksOfAttendee(attendeeId: string, manager: EntityManager = this.dataSource.manager) {
    return manager.find(AttendanceMark, { where: { attendeeId }, order: { createdAt: 'ASC' } });
  }

  countMarks(halfDayId: string, manager: EntityManager): Promise<number> {
    return manager.countBy(AttendanceMark, { halfDayId });
  }

  async insertPresence(presence: NewPresence, manager: EntityManager): Promise<AttendanceMark> {
    return manager.save(
      manager.create(AttendanceMark, {
        ...presence,
        status: 'present',
        minutesMissed: 0,
        absenceReason: null,
        recordedBy: null,
      }),
    );
  }

  async insertAbsence(absence: NewAbsence, manager: EntityManager): Promise<AttendanceMark> {
    return manager.save(
      manager.create(AttendanceMark, {
        halfDayId: absence.halfDayId,
        attendeeId: absence.attendeeId,
        bookingId: absence.bookingId,
        status: 'absent',
        signedAt: null,
        signatureKind: null,
        signaturePng: null,
        typedName: null,
        remote: false,
        minutesMissed: 0,
        absenceReason: absence.reason,
        recordedBy: absence.recordedBy,
        ipAddress: null,
        userAgent: null,
      }),
    );
  }

  async setMinutesMissed(
    markId: string,
    minutes: number,
    recordedBy: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(AttendanceMark, { id: markId }, { minutesMissed: minutes, recordedBy });
  }

  async countersign(
    halfDayId: string,
    countersignature: Countersignature,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(HalfDay, { id: halfDayId }, countersignature);
  }

  /**
   * Forgets a session's half-days (and their scheduled openings) so they are cut again from its
   * new hours; only while nothing is recorded on any of them. Returns whether it did.
   */
  async forgetUnusedHalfDays(sessionId: string, manager: EntityManager): Promise<boolean> {
    const [used] = await manager.query<{ used: boolean }[]>(
      `SELECT EXISTS (
         SELECT 1 FROM training_half_days h
          WHERE h.session_id = $1
            AND (h.countersigned_at IS NOT NULL
                 OR EXISTS (SELECT 1 FROM training_attendance a WHERE a.half_day_id = h.id))
       ) AS used`,
      [sessionId],
    );
    if (used.used) return false;
    await manager.query(
      `DELETE FROM training_half_day_openings
        WHERE half_day_id IN (SELECT id FROM training_half_days WHERE session_id = $1)`,
      [sessionId],
    );
    await manager.query(`DELETE FROM training_half_days WHERE session_id = $1`, [sessionId]);
    return true;
  }

  /** Notes that a half-day's opening is scheduled; false when it already was. */
  async claimOpening(halfDayId: string, opensAt: Date, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query<{ half_day_id: string }[]>(
      `INSERT INTO training_half_day_openings (half_day_id, opens_at) VALUES ($1, $2)
       ON CONFLICT (half_day_id) DO NOTHING RETURNING half_day_id`,
      [halfDayId, opensAt],
    );
    return rows.length === 1;
  }
}
