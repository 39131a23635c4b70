import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PasswordHasher } from '../../auth/password-hasher';
import { assertAcceptablePassword } from '../../auth/password-policy';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { RefreshTokenRepository } from '../../repositories/refresh-token.repository';
import { UserRepository } from '../../repositories/user.repository';

export interface ChangePasswordCommand {
  userId: string;
  /** The caller's own session, which stays signed in. */
  sessionId: string;
  currentPassword: string;
  newPassword: string;
}

/** A signed-in user changes their password; every other session of theirs is revoked. */
@Injectable()
export class ChangePasswordUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(command: ChangePasswordCommand): Promise<void> {
    const user = await this.users.findByIdWithPasswordHash(command.userId);
    if (!user) throw new IdentityException(IdentityErrorCode.UserNotFound, 'user not found');
    await assertCurrentPassword(this.hasher, user.passwordHash, command.currentPassword);
    assertAcceptablePassword(command.newPassword, user.email);
    const passwordHash = await this.hasher.hash(command.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await this.users.setPasswordHash(user.id, passwordHash, manager);
      await this.refreshTokens.revokeAllOfUser(user.id, command.sessionId, manager);
    });
  }
}

/** Sensitive changes ask for the current password, so a session left open is not enough. */
export async function assertCurrentPassword(
  hasher: PasswordHasher,
  passwordHash: string,
  candidate: string,
): Promise<void> {
  if (await hasher.verify(passwordHash, candidate)) return;
  throw new IdentityException(
    IdentityErrorCode.InvalidCurrentPassword,
    'the current password is incorrect',
    [{ field: 'currentPassword', message: 'is incorrect' }],
  );
}
