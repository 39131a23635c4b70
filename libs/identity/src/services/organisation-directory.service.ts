import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Organisation } from '../entities/organisation.entity';
import { ChorusStructureView, chorusStructureOf } from '../views/organisation.view';

export interface BillingIdentity {
  organisationId: string;
  legalName: string;
  addressLines: string[];
  /** Tells where its VAT is due: metropolitan France, or an overseas territory. */
  postalCode: string;
  /** Null for an association known by its RNA number only. */
  siret: string | null;
  /** An association's RNA number, printed beside its SIRET (attestations), and identifying it when it has none. */
  rna: string | null;
  vatNumber: string | null;
  billingEmail: string;
  /** Public bodies may pay by transfer after the service (administrative mandate). */
  isPublicBody: boolean;
  /** Liable to VAT (assujetti): an e-invoice through a PA from 2027, else e-reporting. */
  vatRegistered: boolean;
  /** A public body's Chorus Pro structure (null for the others): where its invoices go. */
  chorusStructure: ChorusStructureView | null;
  /** The same address in its parts, as an e-invoice carries it. */
  address: {
    line1: string;
    line2: string | null;
    postalCode: string;
    city: string;
    /** ISO 3166-1 alpha-2. */
    countryCode: string;
  };
}

/** Names of organisations for other contexts' lists (attendee lists, finance views), read in one query. */
@Injectable()
export class OrganisationDirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async legalNamesOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.manager.find(Organisation, {
      select: { id: true, legalName: true },
      where: { id: In([...new Set(ids)]) },
    });
    return new Map(rows.map((row) => [row.id, row.legalName]));
  }

  /**
   * The Chorus Pro structure of a public body, to know which references its bookings must
   * carry; null for any other organisation (or an unknown one).
   */
  async chorusStructure(
    organisationId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ChorusStructureView | null> {
    const organisation = await manager.findOne(Organisation, { where: { id: organisationId } });
    return organisation ? chorusStructureOf(organisation) : null;
  }

  /** Who to invoice: the organisation's legal identity and billing address, as of now. */
  async billingIdentity(organisationId: string): Promise<BillingIdentity | null> {
    const organisation = await this.dataSource.manager.findOne(Organisation, {
      where: { id: organisationId },
    });
    if (!organisation) return null;
    return {
      organisationId: organisation.id,
      legalName: organisation.legalName,
      addressLines: [
        organisation.addressLine1,
        ...(organisation.addressLine2 ? [organisation.addressLine2] : []),
        `${organisation.postalCode} ${organisation.city}`,
      ],
      postalCode: organisation.postalCode,
      siret: organisation.siret,
      rna: organisation.rna,
      vatNumber: organisation.vatNumber,
      billingEmail: organisation.billingEmail,
      isPublicBody: organisation.isPublicBody,
      vatRegistered: organisation.vatRegistered,
      chorusStructure: chorusStructureOf(organisation),
      address: {
        line1: organisation.addressLine1,
        line2: organisation.addressLine2,
        postalCode: organisation.postalCode,
        city: organisation.city,
        countryCode: organisation.country,
      },
    };
  }
}
