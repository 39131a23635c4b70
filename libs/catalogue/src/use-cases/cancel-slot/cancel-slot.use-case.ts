import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '@mutualis/identity';
import { CatalogueErrorCode, CatalogueException } from '../../catalogue.exception';
import { ConsultationSlotRepository } from '../../repositories/consultation-slot.repository';
import { OfferingAccessService } from '../../services/offering-access.service';

/** The consultant withdraws a free slot; a booked one stays (the booking must be cancelled). */
@Injectable()
export class CancelSlotUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: OfferingAccessService,
    private readonly slots: ConsultationSlotRepository,
  ) {}

  async execute(actor: Actor, slotId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const slot = await this.slots.findById(slotId, manager);
      if (!slot) throw slotNotFound();
      await this.access
        .getManaged(actor, slot.offeringId, manager, { adminMay: true })
        .catch((error: unknown) => {
          if (
            error instanceof CatalogueException &&
            error.code === CatalogueErrorCode.OfferingNotFound
          )
            throw slotNotFound();
          throw error;
        });
      if (!(await this.slots.cancel(slot.id, manager))) {
        throw new CatalogueException(
          CatalogueErrorCode.SlotNotCancellable,
          `this slot is ${slot.status}; only a free slot can be withdrawn`,
        );
      }
    });
  }
}

function slotNotFound(): CatalogueException {
  return new CatalogueException(CatalogueErrorCode.SlotNotFound, 'slot not found');
}
