import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@mutualis/core';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { Actor, PlatformRole } from '../../identity.types';
import { UserRepository } from '../../repositories/user.repository';
import { presentUser, UserView } from '../../views/user.view';

/** An admin grants or withdraws platform roles (route guarded: admins only). */
@Injectable()
export class SetPlatformRolesUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly audit: AuditLog,
  ) {}

  async execute(actor: Actor, userId: string, roles: PlatformRole[]): Promise<UserView> {
    const unique = [...new Set(roles)].sort();
    if (actor.userId === userId && !unique.includes('admin')) {
      // The last safeguard against an admin locking the Chambre out by accident.
      throw new IdentityException(
        IdentityErrorCode.OwnAdminRole,
        'you cannot remove your own admin role',
        [{ field: 'roles', message: 'must keep admin for yourself' }],
      );
    }
    const user = await this.dataSource.transaction(async (manager) => {
      const user = await this.users.findById(userId, manager);
      if (!user) throw new IdentityException(IdentityErrorCode.UserNotFound, 'user not found');
      const before = [...user.platformRoles].sort();
      if (before.join() !== unique.join()) {
        await this.users.setPlatformRoles(userId, unique, manager);
        await this.audit.record(manager, {
          action: 'user.roles.set',
          entityType: 'user',
          entityId: userId,
          before: { roles: before },
          after: { roles: unique },
        });
      }
      return user;
    });
    return presentUser({ ...user, platformRoles: unique });
  }
}
