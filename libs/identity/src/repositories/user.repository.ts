import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetPosition } from '@mutualis/core';
import { normaliseEmail } from '../auth/email-address';
import { User } from '../entities/user.entity';
import type { Locale, PlatformRole } from '../identity.types';
import { LIVE_REFRESH_TOKEN } from './refresh-token.repository';

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  locale?: Locale;
  platformRoles?: PlatformRole[];
  /** Set only where the address is known good (the demo seed); sign-up leaves it unverified. */
  emailVerifiedAt?: Date | null;
}

/** What authenticating a request needs of a user, and whether the token's session still lives. */
export interface UserWithSession {
  id: string;
  platformRoles: PlatformRole[];
  disabledAt: Date | null;
  /** Whether the login session (refresh-token family) lives, as RefreshTokenRepository.isFamilyLive says. */
  sessionLive: boolean;
  /** Whether the user has two-factor authentication on (an enabled user_totp row). */
  mfaEnabled: boolean;
}

export interface UserListQuery {
  search?: string;
  role?: PlatformRole;
  after: KeysetPosition | null;
  limit: number;
}

@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.findOne(User, { where: { id } });
  }

  /**
   * The user and the liveness of one of their login sessions in a single statement: every
   * authenticated request asks for both. Null when there is no such user. A session counts only
   * when it is the user's own: a token for one user carrying another's session id is refused.
   */
  async findWithSession(userId: string, familyId: string): Promise<UserWithSession | null> {
    const [row] = await this.dataSource.query<UserWithSession[]>(
      `SELECT id, platform_roles AS "platformRoles", disabled_at AS "disabledAt",
              EXISTS (SELECT 1 FROM refresh_tokens
                       WHERE family_id = $2 AND user_id = users.id AND ${LIVE_REFRESH_TOKEN}) AS "sessionLive",
              EXISTS (SELECT 1 FROM user_totp WHERE user_id = $1 AND enabled_at IS NOT NULL) AS "mfaEnabled"
         FROM users WHERE id = $1`,
      [userId, familyId],
    );
    return row ?? null;
  }

  /**
   * The only read that returns the password hash, for checking credentials. Addresses are
   * stored normalised (normaliseEmail), so any spelling of one finds it through the unique index.
   */
  findByEmailWithPasswordHash(email: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email: normaliseEmail(email) })
      .getOne();
  }

  findByEmail(
    email: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<User | null> {
    return manager
      .getRepository(User)
      .createQueryBuilder('user')
      .where('user.email = :email', { email: normaliseEmail(email) })
      .getOne();
  }

  async create(user: NewUser, manager: EntityManager = this.dataSource.manager): Promise<User> {
    const created = manager.create(User, {
      email: normaliseEmail(user.email),
      name: user.name,
      passwordHash: user.passwordHash,
      locale: user.locale ?? 'fr',
      platformRoles: user.platformRoles ?? [],
      disabledAt: null,
      emailVerifiedAt: user.emailVerifiedAt ?? null,
    });
    await manager.insert(User, created);
    return (await this.findById(created.id, manager))!;
  }

  async setPlatformRoles(
    id: string,
    roles: PlatformRole[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.update(User, { id }, { platformRoles: roles });
  }

  async setPasswordHash(
    id: string,
    passwordHash: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.update(User, { id }, { passwordHash });
  }

  /** The user with their password hash, for checking a current password before a change. */
  findByIdWithPasswordHash(id: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.id = :id', { id })
      .getOne();
  }

  /**
   * Marks the address verified, only while it is still the one the link was sent to (it may
   * have changed since). False when it is not.
   */
  async markEmailVerified(id: string, email: string, manager: EntityManager): Promise<boolean> {
    const [, affected] = await manager.query<[unknown[], number]>(
      `UPDATE users SET email_verified_at = COALESCE(email_verified_at, now()), updated_at = now()
        WHERE id = $1 AND lower(email) = lower($2)`,
      [id, email],
    );
    return affected > 0;
  }

  async markVerifiedWithoutLink(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE users SET email_verified_at = now(), updated_at = now()
        WHERE id = $1 AND email_verified_at IS NULL`,
      [id],
    );
  }

  /** The new address takes effect, verified by the link that was sent to it. */
  async changeEmail(id: string, email: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE users SET email = $2, email_verified_at = now(), updated_at = now() WHERE id = $1`,
      [id, email],
    );
  }

  /** Whether the user proved their address; false for an unknown user. */
  async isEmailVerified(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const [row] = await manager.query<{ verified: boolean }[]>(
      `SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE id = $1`,
      [id],
    );
    return row?.verified ?? false;
  }

  /** Users by creation, newest last, optionally filtered by a name/e-mail fragment or a role. */
  list(query: UserListQuery): Promise<User[]> {
    const builder = this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .orderBy('user.createdAt', 'ASC')
      .addOrderBy('user.id', 'ASC')
      .limit(query.limit + 1);
    if (query.search) {
      builder.andWhere(`lower(user.name || ' ' || user.email) LIKE :pattern`, {
        pattern: `%${escapeLike(query.search.toLowerCase())}%`,
      });
    }
    if (query.role) builder.andWhere(':role = ANY(user.platformRoles)', { role: query.role });
    if (query.after) {
      builder.andWhere('(user.createdAt, user.id) > (:afterCreatedAt, :afterId)', {
        afterCreatedAt: query.after.createdAt,
        afterId: query.after.id,
      });
    }
    return builder.getMany();
  }
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
