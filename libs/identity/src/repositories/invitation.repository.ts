import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { normaliseEmail } from '../auth/email-address';
import { Invitation } from '../entities/invitation.entity';
import type { OrganisationRole } from '../identity.types';

export interface NewInvitation {
  organisationId: string;
  email: string;
  role: OrganisationRole;
  tokenHash: string;
  invitedBy: string;
  expiresAt: Date;
}

@Injectable()
export class InvitationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Revokes the open invitation of this address, if any, so the new one replaces it. */
  async revokeOpen(organisationId: string, email: string, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Invitation)
      .set({ revokedAt: () => 'now()' })
      .where('organisation_id = :organisationId AND email = :email', {
        organisationId,
        email: normaliseEmail(email),
      })
      .andWhere('accepted_at IS NULL AND revoked_at IS NULL')
      .execute();
  }

  async create(invitation: NewInvitation, manager: EntityManager): Promise<Invitation> {
    const created = manager.create(Invitation, {
      ...invitation,
      email: normaliseEmail(invitation.email),
      acceptedAt: null,
      acceptedBy: null,
      revokedAt: null,
    });
    await manager.insert(Invitation, created);
    return (await manager.findOne(Invitation, { where: { id: created.id } }))!;
  }

  /** The open invitation whose link (the inviter's or the latest e-mail's) has this hash. */
  findOpenByTokenHash(
    tokenHash: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Invitation | null> {
    return manager.findOne(Invitation, {
      where: [
        { tokenHash, acceptedAt: IsNull(), revokedAt: IsNull() },
        { mailTokenHash: tokenHash, acceptedAt: IsNull(), revokedAt: IsNull() },
      ],
    });
  }

  findById(id: string): Promise<Invitation | null> {
    return this.dataSource.manager.findOne(Invitation, { where: { id } });
  }

  /**
   * Gives an open, unexpired invitation the hash of a new e-mail link, replacing the previous
   * e-mail's; false when the invitation was accepted, revoked or has expired meanwhile.
   */
  async replaceMailTokenHash(
    id: string,
    mailTokenHash: string,
    manager: EntityManager,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(Invitation)
      .set({ mailTokenHash })
      .where('id = :id AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()', {
        id,
      })
      .execute();
    return result.affected === 1;
  }

  /**
   * Serialises invitations of one organisation and of one inviter until the transaction ends,
   * so two concurrent invitations cannot both count the quota before either is written. Always
   * organisation first, then user: no two transactions wait on each other in a cycle.
   */
  async lockQuotas(organisationId: string, userId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtext('invitation-quota:organisation:' || $1))`,
      [organisationId],
    );
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('invitation-quota:user:' || $1))`, [
      userId,
    ]);
  }

  /**
   * When the quota of `limit` invitations in 24 hours frees a place, if it is used up now:
   * 24 hours after the limit-th most recent invitation (of the organisation, or sent by the
   * user); null while there is room. Reads the (organisation_id | invited_by, created_at) index
   * backwards and stops at that row.
   */
  async quotaResetsAt(
    scope: 'organisation' | 'user',
    id: string,
    limit: number,
    manager: EntityManager,
  ): Promise<Date | null> {
    const column = scope === 'organisation' ? 'organisation_id' : 'invited_by';
    const [row] = await manager.query<{ resets_at: Date }[]>(
      `SELECT created_at + interval '24 hours' AS resets_at FROM invitations
        WHERE ${column} = $1 AND created_at > now() - interval '24 hours'
        ORDER BY created_at DESC OFFSET $2 LIMIT 1`,
      [id, limit - 1],
    );
    return row?.resets_at ?? null;
  }

  /** Marks the invitation accepted, only if it still is open (a second acceptance finds nothing). */
  async markAccepted(id: string, userId: string, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(Invitation)
      .set({ acceptedAt: () => 'now()', acceptedBy: userId })
      .where('id = :id AND accepted_at IS NULL AND revoked_at IS NULL', { id })
      .execute();
    return result.affected === 1;
  }

  listOpen(organisationId: string): Promise<Invitation[]> {
    return this.dataSource.manager.find(Invitation, {
      where: { organisationId, acceptedAt: IsNull(), revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
  }
}
