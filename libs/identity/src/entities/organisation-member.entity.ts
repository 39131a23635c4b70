import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganisationRole } from '../identity.types';

/** A user's role in an organisation they act for. */
@Entity('organisation_members')
export class OrganisationMember {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  organisationId!: string;

  @Column('uuid')
  userId!: string;

  @Column('text')
  role!: OrganisationRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
