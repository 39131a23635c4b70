import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Organisation } from '../entities/organisation.entity';
import { overseasBuyerRefused } from '../identity.exception';
import { overseasTerritoryOf } from '../validation/overseas';

/**
 * Whether the Chambre can invoice an organisation yet. Its invoices apply metropolitan VAT
 * only: an organisation established overseas is refused (422) before anything is booked or
 * paid, rather than invoiced wrongly, until the VAT of its territory is implemented.
 */
@Injectable()
export class InvoiceableBuyerService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async assertInvoiceable(
    organisationId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const organisation = await manager.findOne(Organisation, {
      select: { id: true, postalCode: true },
      where: { id: organisationId },
    });
    const territory = organisation ? overseasTerritoryOf(organisation.postalCode) : null;
    if (territory) throw overseasBuyerRefused(territory);
  }
}
