import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganisationRole } from '../identity.types';

/** An org admin's invitation for an e-mail address to join their organisation. */
@Entity('invitations')
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  organisationId!: string;

  @Column('text')
  email!: string;

  @Column('text')
  role!: OrganisationRole;

  /** SHA-256 of the token given to the inviter in the answer; the token itself is never stored. */
  @Column('char', { length: 64, select: false })
  tokenHash!: string;

  /**
   * SHA-256 of the token in the latest invitation e-mail, made by the worker as it sends
   * (IssueInvitationLinkUseCase): each mail replaces the previous one's, and the clear token
   * exists only in the mail, never in a table or a queued job.
   */
  @Column('char', { length: 64, nullable: true, select: false })
  mailTokenHash!: string | null;

  @Column('uuid', { nullable: true })
  invitedBy!: string | null;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  acceptedAt!: Date | null;

  @Column('uuid', { nullable: true })
  acceptedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
