import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface SessionCompletionRow {
  dueAt: Date;
  completedAt: Date | null;
}

/** training_session_completions: when a session's end was scheduled, and when it was completed. */
@Injectable()
export class SessionCompletionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records that the session ends at `dueAt`: true when that is news (first time, or the session
   * moved and is not completed yet), i.e. when a SessionEnded event must be written for it.
   */
  async schedule(sessionId: string, dueAt: Date, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query<{ session_id: string }[]>(
      `INSERT INTO training_session_completions (session_id, due_at)
       VALUES ($1, $2)
       ON CONFLICT (session_id) DO UPDATE SET due_at = EXCLUDED.due_at
        WHERE training_session_completions.due_at <> EXCLUDED.due_at
          AND training_session_completions.completed_at IS NULL
       RETURNING session_id`,
      [sessionId, dueAt],
    );
    return rows.length > 0;
  }

  /** The session's row locked for its completion (made if an event came without one). */
  async lock(
    sessionId: string,
    dueAt: Date,
    manager: EntityManager,
  ): Promise<SessionCompletionRow> {
    await manager.query(
      `INSERT INTO training_session_completions (session_id, due_at) VALUES ($1, $2)
       ON CONFLICT (session_id) DO NOTHING`,
      [sessionId, dueAt],
    );
    const [row] = await manager.query<{ due_at: Date; completed_at: Date | null }[]>(
      `SELECT due_at, completed_at FROM training_session_completions WHERE session_id = $1 FOR UPDATE`,
      [sessionId],
    );
    return { dueAt: row.due_at, completedAt: row.completed_at };
  }

  async markCompleted(sessionId: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE training_session_completions SET completed_at = $2 WHERE session_id = $1`,
      [sessionId, at],
    );
  }

  /**
   * Sessions not completed whose end (as catalogue has it now) is before `endedBefore`, oldest
   * first; cancelled ones are left out.
   */
  async endedPending(endedBefore: Date, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ session_id: string }[]>(
      `SELECT completion.session_id
         FROM training_session_completions completion
         JOIN sessions session ON session.id = completion.session_id
        WHERE completion.completed_at IS NULL
          AND session.ends_at < $1
          AND session.status <> 'cancelled'
        ORDER BY session.ends_at, completion.session_id
        LIMIT $2`,
      [endedBefore, limit],
    );
    return rows.map((row) => row.session_id);
  }

  async find(
    sessionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SessionCompletionRow | null> {
    const [row] = await manager.query<{ due_at: Date; completed_at: Date | null }[]>(
      `SELECT due_at, completed_at FROM training_session_completions WHERE session_id = $1`,
      [sessionId],
    );
    return row ? { dueAt: row.due_at, completedAt: row.completed_at } : null;
  }
}
