import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintToNumber } from '@mutualis/core';
import type { MembershipStatus } from '../identity.types';

/** An organisation's adhésion to the Chambre for one calendar year. */
@Entity('memberships')
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  organisationId!: string;

  @Column('smallint')
  year!: number;

  @Column('text')
  status!: MembershipStatus;

  @Column('bigint', { transformer: bigintToNumber })
  feeCents!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
