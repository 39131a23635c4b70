import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConsultationSlot } from '../entities/consultation-slot.entity';
import { Offering } from '../entities/offering.entity';
import { TrainingSession } from '../entities/training-session.entity';
import { ConsultationSlotRepository } from '../repositories/consultation-slot.repository';
import { TrainingSessionRepository } from '../repositories/training-session.repository';

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
  constructor(
    private readonly sessions: TrainingSessionRepository,
    private readonly slots: ConsultationSlotRepository,
  ) {}

  /**
   * Locks the session row until the transaction ends: bookings of one session queue up here.
   * The offering comes in the same statement, unlocked: nothing here changes it, and offering
   * edits must not queue behind bookings. After waiting for the lock, the session is the row's
   * latest version; the offering is as it was when the statement began.
   */
  lockSession(sessionId: string, manager: EntityManager): Promise<LockedSession | null> {
    return this.sessions.lockWithOffering(sessionId, manager);
  }

  /** Takes seats if they fit; false (and nothing changed) when they do not. */
  takeSeats(sessionId: string, seats: number, manager: EntityManager): Promise<boolean> {
    return this.sessions.takeSeatsIfTheyFit(sessionId, seats, manager);
  }

  releaseSeats(sessionId: string, seats: number, manager: EntityManager): Promise<void> {
    return this.sessions.releaseSeats(sessionId, seats, manager);
  }

  /** The seats a session has taken now, as this transaction sees them. */
  async seatsTaken(sessionId: string, manager: EntityManager): Promise<number> {
    const session = await this.sessions.findById(sessionId, manager);
    if (!session) throw new Error(`session ${sessionId} does not exist`);
    return session.seatsTaken;
  }

  /** Books a free slot still to come, in one conditional update; null when it is not free. */
  async bookSlot(slotId: string, manager: EntityManager): Promise<BookedSlot | null> {
    if (!(await this.slots.bookIfFree(slotId, manager))) return null;
    // The slot row is ours until the transaction ends: read it back with its offering at once.
    const booked = await this.slots.findWithOffering(slotId, manager);
    if (!booked) throw new Error(`booked slot ${slotId} has no offering`);
    return booked;
  }

  /** Frees a booked slot again, unless it has already begun. */
  releaseSlot(slotId: string, manager: EntityManager): Promise<void> {
    return this.slots.reopenIfNotBegun(slotId, manager);
  }

  findSlot(slotId: string, manager: EntityManager): Promise<ConsultationSlot | null> {
    return this.slots.findById(slotId, manager);
  }
}
