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
 * The offering TypeORM mapped onto a row by innerJoinAndMapOne, taken off the row (which stays
 * the entity instance it was); null when there was no row.
 */
function takeOffering<T>(
  row: (T & { offering?: Offering }) | null,
): { row: T; offering: Offering } | null {
  if (!row?.offering) return null;
  const { offering } = row;
  delete row.offering;
  return { row, offering };
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
   * The offering comes in the same statement, unlocked (OF session): nothing here changes it,
   * and offering edits must not queue behind bookings. After waiting for the lock, the session
   * is the row's latest version; the offering is as it was when the statement began.
   */
  async lockSession(sessionId: string, manager: EntityManager): Promise<LockedSession | null> {
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
    const taken = takeOffering(found);
    return taken && { session: taken.row, offering: taken.offering };
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
    // The slot row is ours until the transaction ends: read it back with its offering at once.
    const slot: (ConsultationSlot & { offering?: Offering }) | null = await manager
      .getRepository(ConsultationSlot)
      .createQueryBuilder('slot')
      .innerJoinAndMapOne('slot.offering', Offering, 'offering', 'offering.id = slot.offeringId')
      .where('slot.id = :slotId', { slotId })
      .getOne();
    const taken = takeOffering(slot);
    if (!taken) throw new Error(`booked slot ${slotId} has no offering`);
    return { slot: taken.row, offering: taken.offering };
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
