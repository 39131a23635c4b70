import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Locale, PlatformRole } from '../identity.types';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Unique regardless of case (unique index on lower(email)); kept as the user typed it. */
  @Column('text')
  email!: string;

  @Column('text')
  name!: string;

  /** argon2id hash; never leaves the identity context. */
  @Column('text', { select: false })
  passwordHash!: string;

  @Column('text')
  locale!: Locale;

  @Column('text', { array: true })
  platformRoles!: PlatformRole[];

  @Column('timestamptz', { nullable: true })
  disabledAt!: Date | null;

  /** When the owner proved they read this address (a link sent to it); null until then. */
  @Column('timestamptz', { nullable: true })
  emailVerifiedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
