import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConsultationSlot } from '../entities/consultation-slot.entity';
import { Offering } from '../entities/offering.entity';
import { takeMappedOffering } from './mapped-offering';

export interface NewSlot {
  startsAt: Date;
  endsAt: Date;
}

@Injectable()
export class ConsultationSlotRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ConsultationSlot | null> {
    return manager.findOne(ConsultationSlot, { where: { id } });
  }

  /** Inserts every slot in one statement: the exclusion constraint refuses the whole batch on any overlap. */
  async createMany(
    offeringId: string,
    consultantId: string,
    slots: NewSlot[],
    manager: EntityManager,
  ): Promise<ConsultationSlot[]> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(ConsultationSlot)
      .values(slots.map((slot) => ({ offeringId, consultantId, ...slot, status: 'open' as const })))
      .returning('*')
      .execute();
    const ids = (result.raw as { id: string }[]).map((row) => row.id);
    return manager
      .getRepository(ConsultationSlot)
      .createQueryBuilder('slot')
      .where('slot.id IN (:...ids)', { ids })
      .orderBy('slot.startsAt', 'ASC')
      .getMany();
  }

  /** Free slots of an offering still to come, soonest first. */
  listOpen(offeringId: string, limit: number): Promise<ConsultationSlot[]> {
    return this.dataSource
      .getRepository(ConsultationSlot)
      .createQueryBuilder('slot')
      .where(`slot.offeringId = :offeringId AND slot.status = 'open' AND slot.startsAt > now()`, {
        offeringId,
      })
      .orderBy('slot.startsAt', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** The next few open slots of each offering, in one query. */
  async nextOpenForOfferings(
    offeringIds: string[],
    perOffering: number,
  ): Promise<Map<string, ConsultationSlot[]>> {
    const result = new Map<string, ConsultationSlot[]>();
    if (offeringIds.length === 0) return result;
    const rows = await this.dataSource.query<
      { id: string; offering_id: string; starts_at: Date; ends_at: Date }[]
    >(
      `SELECT id, offering_id, starts_at, ends_at FROM (
         SELECT id, offering_id, starts_at, ends_at,
                row_number() OVER (PARTITION BY offering_id ORDER BY starts_at, id) AS position
           FROM consultation_slots
          WHERE offering_id = ANY($1) AND status = 'open' AND starts_at > now()
       ) ranked
       WHERE position <= $2
       ORDER BY starts_at`,
      [offeringIds, perOffering],
    );
    for (const row of rows) {
      const slot = Object.assign(new ConsultationSlot(), {
        id: row.id,
        offeringId: row.offering_id,
        startsAt: row.starts_at,
        endsAt: row.ends_at,
        status: 'open' as const,
      });
      const list = result.get(slot.offeringId) ?? [];
      list.push(slot);
      result.set(slot.offeringId, list);
    }
    return result;
  }

  /** Cancels an open slot; false when it is booked or already cancelled. */
  async cancel(id: string, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ConsultationSlot)
      .set({ status: 'cancelled' })
      .where(`id = :id AND status = 'open'`, { id })
      .execute();
    return result.affected === 1;
  }

  /** Books an open slot still to come, in one conditional update; false when it is not free. */
  async bookIfFree(slotId: string, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ConsultationSlot)
      .set({ status: 'booked' })
      .where(`id = :slotId AND status = 'open' AND starts_at > now()`, { slotId })
      .execute();
    return result.affected === 1;
  }

  /** The slot with its offering, in one statement. */
  async findWithOffering(
    slotId: string,
    manager: EntityManager,
  ): Promise<{ slot: ConsultationSlot; offering: Offering } | null> {
    const found: (ConsultationSlot & { offering?: Offering }) | null = await manager
      .getRepository(ConsultationSlot)
      .createQueryBuilder('slot')
      .innerJoinAndMapOne('slot.offering', Offering, 'offering', 'offering.id = slot.offeringId')
      .where('slot.id = :slotId', { slotId })
      .getOne();
    const taken = takeMappedOffering(found);
    return taken && { slot: taken.row, offering: taken.offering };
  }

  /** Opens a booked slot again, unless it has already begun. */
  async reopenIfNotBegun(slotId: string, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(ConsultationSlot)
      .set({ status: 'open' })
      .where(`id = :slotId AND status = 'booked' AND starts_at > now()`, { slotId })
      .execute();
  }
}
