import { Injectable } from '@nestjs/common';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { Actor, PlatformRole } from '../../identity.types';
import { UserRepository } from '../../repositories/user.repository';
import { presentUser, UserView } from '../../views/user.view';

/** An admin grants or withdraws platform roles (route guarded: admins only). */
@Injectable()
export class SetPlatformRolesUseCase {
  constructor(private readonly users: UserRepository) {}

  async execute(actor: Actor, userId: string, roles: PlatformRole[]): Promise<UserView> {
    const user = await this.users.findById(userId);
    if (!user) throw new IdentityException(IdentityErrorCode.UserNotFound, 'user not found');
    const unique = [...new Set(roles)].sort();
    if (actor.userId === userId && !unique.includes('admin')) {
      // The last safeguard against an admin locking the Chambre out by accident.
      throw new IdentityException(
        IdentityErrorCode.OwnAdminRole,
        'you cannot remove your own admin role',
        [{ field: 'roles', message: 'must keep admin for yourself' }],
      );
    }
    await this.users.setPlatformRoles(userId, unique);
    return presentUser({ ...user, platformRoles: unique });
  }
}
