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

  /** Stored as normaliseEmail gives it (NFKC, lower-cased, trimmed), under a unique index. */
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

  /** Set when the person's data was erased (art. 17 GDPR): the row stays, with placeholders. */
  @Column('timestamptz', { nullable: true })
  erasedAt!: Date | null;
  /** When the owner proved they read this address (a link sent to it); null until then. */
  @Column('timestamptz', { nullable: true })
  emailVerifiedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
