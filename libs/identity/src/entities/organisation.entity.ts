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

  /** 14 digits; checked (Luhn, La Poste exception) here and by a database constraint. */
  @Column('char', { length: 14 })
  siret!: string;

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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
