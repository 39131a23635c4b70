import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { LegalForm } from '../identity.types';

@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  legalName!: string;

  @Column('text')
  legalForm!: LegalForm;

  /**
   * 14 digits; checked (Luhn, La Poste exception) here and by a database constraint. Null for a
   * small association known by its RNA number only (the database requires one of the two).
   */
  @Column('char', { length: 14, nullable: true })
  siret!: string | null;

  /** An association's RNA number (W + 9 digits), unique. */
  @Column('char', { length: 10, nullable: true })
  rna!: string | null;

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

  @Column('text')
  department!: string;

  @Column('text')
  billingEmail!: string;

  @Column('text', { nullable: true })
  vatNumber!: string | null;

  /** Public bodies pay by administrative mandate and may pay by transfer after the service. */
  @Column('boolean')
  isPublicBody!: boolean;

  /**
   * Liable to VAT (assujetti): from the 2027 reform, its invoices go through an approved
   * platform (PA); the others' transactions are e-reported. Defaults from the legal form.
   */
  @Column('boolean')
  vatRegistered!: boolean;

  /** A public body's Chorus Pro structure; null: the organisation's own SIRET. */
  @Column('char', { length: 14, nullable: true })
  chorusStructureSiret!: string | null;

  /** Its structure requires a service code (code service exécutant) on invoices. */
  @Column('boolean', { default: false })
  chorusServiceCodeRequired!: boolean;

  /** Its structure requires an engagement number (numéro d'engagement juridique). */
  @Column('boolean', { default: false })
  chorusEngagementNumberRequired!: boolean;

  /** The service code a booking takes when it gives none. */
  @Column('text', { nullable: true })
  chorusDefaultServiceCode!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
