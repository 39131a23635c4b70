import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
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
      .where('organisation_id = :organisationId AND lower(email) = lower(:email)', {
        organisationId,
        email,
      })
      .andWhere('accepted_at IS NULL AND revoked_at IS NULL')
      .execute();
  }

  async create(invitation: NewInvitation, manager: EntityManager): Promise<Invitation> {
    const created = manager.create(Invitation, {
      ...invitation,
      acceptedAt: null,
      acceptedBy: null,
      revokedAt: null,
    });
    await manager.insert(Invitation, created);
    return (await manager.findOne(Invitation, { where: { id: created.id } }))!;
  }

  findOpenByTokenHash(
    tokenHash: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Invitation | null> {
    return manager.findOne(Invitation, {
      where: { tokenHash, acceptedAt: IsNull(), revokedAt: IsNull() },
    });
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
