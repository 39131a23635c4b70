import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { VatTreatment } from '../vat-regimes';

/**
 * The Chambre's VAT policy for its offerings (one row): when its training exemption was attested
 * and which regime a new offering gets. Kept beside the offerings it governs; the Chambre's other
 * settings are invoicing's, which presents both on its settings page.
 */
@Entity('offering_vat_settings')
export class OfferingVatSettings {
  @PrimaryColumn('boolean')
  singleton!: true;

  /**
   * Date of the DREETS attestation (form 3511-SD) that the Chambre's professional training is
   * exempt (CGI art. 261, 4, 4° a). Not the NDA, which exempts nothing.
   */
  @Column('date', { nullable: true })
  trainingExemptionAttestedOn!: string | null;

  @Column('text')
  defaultVatTreatmentTraining!: VatTreatment;

  @Column('text')
  defaultVatTreatmentOther!: VatTreatment;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
