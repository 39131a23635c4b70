import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** The Chambre: seller of record of every invoice, with its legal identity and payment details. */
@Entity('chambres')
export class Chambre {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  slug!: string;

  @Column('text')
  legalName!: string;

  @Column('text')
  addressLine1!: string;

  @Column('text', { nullable: true })
  addressLine2!: string | null;

  @Column('text')
  postalCode!: string;

  @Column('text')
  city!: string;

  @Column('char', { length: 2 })
  country!: string;

  @Column('char', { length: 14 })
  siret!: string;

  @Column('text', { nullable: true })
  vatNumber!: string | null;

  @Column('text')
  vatRegime!: 'standard' | 'franchise';

  /**
   * Whether the Chambre opted to pay VAT on its debits (when it invoices) rather than on receipts
   * (CGI art. 269, 2, c): its invoices then say so.
   */
  @Column('boolean')
  vatOnDebits!: boolean;

  /** Numéro de déclaration d'activité (NDA) of a training organisation. */
  @Column('text', { nullable: true })
  trainingDeclarationNumber!: string | null;

  @Column('text')
  iban!: string;

  @Column('text')
  bic!: string;

  @Column('text')
  latePaymentRate!: string;

  @Column('integer')
  paymentTermsDays!: number;

  @Column('text', { nullable: true })
  email!: string | null;

  @Column('text', { nullable: true })
  phone!: string | null;

  @Column('text', { nullable: true })
  logoPath!: string | null;

  /** False until an admin has reviewed the settings: no invoice is issued before. */
  @Column('boolean')
  configured!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
