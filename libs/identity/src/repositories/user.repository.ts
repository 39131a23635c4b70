import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetPosition } from '@mutualis/core';
import { User } from '../entities/user.entity';
import type { Locale, PlatformRole } from '../identity.types';
import { LIVE_REFRESH_TOKEN } from './refresh-token.repository';

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  locale?: Locale;
  platformRoles?: PlatformRole[];
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
   * authenticated request asks for both. Null when there is no such user.
   */
  async findWithSession(userId: string, familyId: string): Promise<UserWithSession | null> {
    const [row] = await this.dataSource.query<UserWithSession[]>(
      `SELECT id, platform_roles AS "platformRoles", disabled_at AS "disabledAt",
              EXISTS (SELECT 1 FROM refresh_tokens WHERE family_id = $2 AND ${LIVE_REFRESH_TOKEN}) AS "sessionLive",
              EXISTS (SELECT 1 FROM user_totp WHERE user_id = $1 AND enabled_at IS NOT NULL) AS "mfaEnabled"
         FROM users WHERE id = $1`,
      [userId, familyId],
    );
    return row ?? null;
  }

  /** The only read that returns the password hash, for checking credentials. */
  findByEmailWithPasswordHash(email: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.email) = lower(:email)', { email })
      .getOne();
  }

  findByEmail(
    email: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<User | null> {
    return manager
      .getRepository(User)
      .createQueryBuilder('user')
      .where('lower(user.email) = lower(:email)', { email })
      .getOne();
  }

  async create(user: NewUser, manager: EntityManager = this.dataSource.manager): Promise<User> {
    const created = manager.create(User, {
      email: user.email,
      name: user.name,
      passwordHash: user.passwordHash,
      locale: user.locale ?? 'fr',
      platformRoles: user.platformRoles ?? [],
      disabledAt: null,
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

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.dataSource.manager.update(User, { id }, { passwordHash });
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
