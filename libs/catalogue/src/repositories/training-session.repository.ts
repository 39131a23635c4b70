import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { TrainingSession } from '../entities/training-session.entity';

export type NewSession = Pick<
  TrainingSession,
  | 'offeringId'
  | 'startsAt'
  | 'endsAt'
  | 'registrationDeadline'
  | 'capacity'
  | 'location'
  | 'remoteUrl'
>;

@Injectable()
export class TrainingSessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TrainingSession | null> {
    return manager.findOne(TrainingSession, { where: { id } });
  }

  async create(
    session: NewSession,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TrainingSession> {
    const created = manager.create(TrainingSession, {
      ...session,
      seatsTaken: 0,
      status: 'scheduled',
    });
    await manager.insert(TrainingSession, created);
    return (await this.findById(created.id, manager))!;
  }

  /** The offering's sessions by date: upcoming scheduled ones, or every one for its owner. */
  listForOffering(
    offeringId: string,
    options: { upcomingOnly: boolean },
  ): Promise<TrainingSession[]> {
    const builder = this.dataSource
      .getRepository(TrainingSession)
      .createQueryBuilder('session')
      .where('session.offeringId = :offeringId', { offeringId })
      .orderBy('session.startsAt', 'ASC')
      .limit(500);
    if (options.upcomingOnly)
      builder.andWhere(`session.status = 'scheduled' AND session.startsAt > now()`);
    return builder.getMany();
  }

  /**
   * The next few scheduled sessions of each offering, in one query (search results show them
   * without a query per result).
   */
  async nextForOfferings(
    offeringIds: string[],
    perOffering: number,
  ): Promise<Map<string, TrainingSession[]>> {
    const result = new Map<string, TrainingSession[]>();
    if (offeringIds.length === 0) return result;
    const next = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM (
         SELECT id, row_number() OVER (PARTITION BY offering_id ORDER BY starts_at, id) AS position
           FROM sessions
          WHERE offering_id = ANY($1) AND status = 'scheduled' AND starts_at > now()
       ) ranked
       WHERE position <= $2`,
      [offeringIds, perOffering],
    );
    if (next.length === 0) return result;
    const rows = await this.dataSource.manager.find(TrainingSession, {
      where: { id: In(next.map((row) => row.id)) },
      order: { startsAt: 'ASC' },
    });
    for (const session of rows) {
      const list = result.get(session.offeringId) ?? [];
      list.push(session);
      result.set(session.offeringId, list);
    }
    return result;
  }

  /** Cancels a scheduled session; false when it was not scheduled any more. */
  async cancel(id: string, reason: string | null, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(TrainingSession)
      .set({ status: 'cancelled', cancelledAt: () => 'now()', cancellationReason: reason })
      .where(`id = :id AND status = 'scheduled'`, { id })
      .execute();
    return result.affected === 1;
  }

  /** Marks sessions that have ended as completed; returns how many. */
  async completeEnded(): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(TrainingSession)
      .set({ status: 'completed' })
      .where(`status = 'scheduled' AND ends_at < now()`)
      .execute();
    return result.affected ?? 0;
  }
}
