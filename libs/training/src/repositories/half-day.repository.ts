import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AttendanceMark } from '../entities/attendance-mark.entity';
import { HalfDay } from '../entities/half-day.entity';
import type { HalfDaySpan } from '../domain/half-days';

@Injectable()
export class HalfDayRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  ofSession(sessionId: string, manager: EntityManager = this.dataSource.manager) {
    return manager.find(HalfDay, { where: { sessionId }, order: { startsAt: 'ASC' } });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager) {
    return manager.findOneBy(HalfDay, { id });
  }

  /** Inserts the spans a session does not have yet (by day and period); returns them all. */
  async insertMissing(sessionId: string, spans: HalfDaySpan[], manager: EntityManager) {
    for (const span of spans) {
      await manager.query(
        `INSERT INTO training_half_days (session_id, day, period, starts_at, ends_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (session_id, day, period) DO NOTHING`,
        [sessionId, span.day, span.period, span.startsAt, span.endsAt],
      );
    }
    return this.ofSession(sessionId, manager);
  }

  marksOf(halfDayIds: string[], manager: EntityManager = this.dataSource.manager) {
    if (halfDayIds.length === 0) return Promise.resolve([]);
    return manager.find(AttendanceMark, {
      where: { halfDayId: In(halfDayIds) },
      order: { createdAt: 'ASC' },
    });
  }
}
