import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Offering } from '../entities/offering.entity';
import { TrainingSession } from '../entities/training-session.entity';
import { takeMappedOffering } from './mapped-offering';

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

  /** Moves or relocates a session (its dates, place, link and registration deadline). */
  async reschedule(
    id: string,
    changes: Pick<
      TrainingSession,
      'startsAt' | 'endsAt' | 'location' | 'remoteUrl' | 'registrationDeadline'
    >,
    manager: EntityManager,
  ): Promise<TrainingSession> {
    await manager.update(TrainingSession, { id }, changes);
    return (await this.findById(id, manager))!;
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

  /**
   * The session row locked until the transaction ends, with its offering read in the same
   * statement but not locked (OF session). FOR NO KEY UPDATE, as for every row we lock to
   * change: it excludes other changers but not the key-share locks that inserting a row
   * referencing it takes (no deadlock with inserts).
   */
  async lockWithOffering(
    sessionId: string,
    manager: EntityManager,
  ): Promise<{ session: TrainingSession; offering: Offering } | null> {
    const found: (TrainingSession & { offering?: Offering }) | null = await manager
      .getRepository(TrainingSession)
      .createQueryBuilder('session')
      .innerJoinAndMapOne(
        'session.offering',
        Offering,
        'offering',
        'offering.id = session.offeringId',
      )
      .setLock('for_no_key_update', undefined, ['session'])
      .where('session.id = :sessionId', { sessionId })
      .getOne();
    const taken = takeMappedOffering(found);
    return taken && { session: taken.row, offering: taken.offering };
  }

  /** Adds to the seats taken of a scheduled session if they fit; false (nothing changed) if not. */
  async takeSeatsIfTheyFit(
    sessionId: string,
    seats: number,
    manager: EntityManager,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(TrainingSession)
      .set({ seatsTaken: () => `seats_taken + ${Number(seats)}` })
      .where(`id = :sessionId AND status = 'scheduled' AND seats_taken + :seats <= capacity`, {
        sessionId,
        seats,
      })
      .execute();
    return result.affected === 1;
  }

  /** Gives seats back; the seats_taken check refuses going below zero. */
  async releaseSeats(sessionId: string, seats: number, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(TrainingSession)
      .set({ seatsTaken: () => `seats_taken - ${Number(seats)}` })
      .where('id = :sessionId', { sessionId })
      .execute();
  }
}
