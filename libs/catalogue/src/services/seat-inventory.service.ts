import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConsultationSlot } from '../entities/consultation-slot.entity';
import { Offering } from '../entities/offering.entity';
import { TrainingSession } from '../entities/training-session.entity';

export interface LockedSession {
  session: TrainingSession;
  offering: Offering;
}

export interface BookedSlot {
  slot: ConsultationSlot;
  offering: Offering;
}

/**
 * The seats of sessions and the availability of slots, changed only here and only inside the
 * booking's transaction. Every change is a conditional update, and the database's own checks
 * (seats_taken between 0 and capacity, one live booking per slot) refuse anything else.
 */
@Injectable()
export class SeatInventoryService {
  /**
   * Locks the session row until the transaction ends: bookings of one session queue up here.
   * FOR NO KEY UPDATE, as for every row we lock to change: it excludes other changers but not
   * the key-share locks that inserting a row referencing it takes (no deadlock with inserts).
   */
  async lockSession(sessionId: string, manager: EntityManager): Promise<LockedSession | null> {
    const session = await manager
      .getRepository(TrainingSession)
      .createQueryBuilder('session')
      .setLock('for_no_key_update')
      .where('session.id = :sessionId', { sessionId })
      .getOne();
    if (!session) return null;
    const offering = await manager.findOneOrFail(Offering, { where: { id: session.offeringId } });
    return { session, offering };
  }

  /** Takes seats if they fit; false (and nothing changed) when they do not. */
  async takeSeats(sessionId: string, seats: number, manager: EntityManager): Promise<boolean> {
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

  async releaseSeats(sessionId: string, seats: number, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(TrainingSession)
      .set({ seatsTaken: () => `seats_taken - ${Number(seats)}` })
      .where('id = :sessionId', { sessionId })
      .execute();
  }

  /** Books a free slot still to come, in one conditional update; null when it is not free. */
  async bookSlot(slotId: string, manager: EntityManager): Promise<BookedSlot | null> {
    const result = await manager
      .createQueryBuilder()
      .update(ConsultationSlot)
      .set({ status: 'booked' })
      .where(`id = :slotId AND status = 'open' AND starts_at > now()`, { slotId })
      .execute();
    if (result.affected !== 1) return null;
    const slot = await manager.findOneOrFail(ConsultationSlot, { where: { id: slotId } });
    const offering = await manager.findOneOrFail(Offering, { where: { id: slot.offeringId } });
    return { slot, offering };
  }

  /** Frees a booked slot again, unless it has already begun. */
  async releaseSlot(slotId: string, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(ConsultationSlot)
      .set({ status: 'open' })
      .where(`id = :slotId AND status = 'booked' AND starts_at > now()`, { slotId })
      .execute();
  }

  findSlot(slotId: string, manager: EntityManager): Promise<ConsultationSlot | null> {
    return manager.findOne(ConsultationSlot, { where: { id: slotId } });
  }
}
