import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher';

/** What identity holds about one person (art. 15 and 20 GDPR): no secrets, no hashes. */
export interface IdentityPersonalData {
  profile: {
    id: string;
    email: string;
    name: string;
    locale: string;
    platformRoles: string[];
    createdAt: Date;
    updatedAt: Date;
    disabledAt: Date | null;
  };
  organisations: {
    organisationId: string;
    legalName: string;
    role: string;
    since: Date;
  }[];
  invitationsSent: InvitationRecord[];
  invitationsReceived: InvitationRecord[];
  /** Login sessions (refresh-token families): when they began, were last renewed, ended. */
  sessions: {
    sessionId: string;
    createdAt: Date;
    lastUsedAt: Date;
    expiresAt: Date;
    revokedAt: Date | null;
    /** The browser and client address the session was opened from, when known. */
    userAgent: string | null;
    clientAddress: string | null;
  }[];
}

interface InvitationRecord {
  id: string;
  organisationId: string;
  email: string;
  role: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

/** Who a person was before erasure: the strings other contexts look for in their own data. */
export interface ErasedIdentity {
  userId: string;
  email: string;
  name: string;
  /** The address the account now carries, unique per user and identifying no one. */
  placeholderEmail: string;
}

export interface OrphanedOrganisation {
  id: string;
  legalName: string;
}

/** The placeholders an erased account carries: the same for every erased person but the id. */
export const ERASED_NAME = 'Compte supprimé';
export const erasedEmailOf = (userId: string): string => `erased-${userId}@erased.invalid`;

const INVITATION_COLUMNS = `id, organisation_id AS "organisationId", email, role, created_at AS "createdAt",
  expires_at AS "expiresAt", accepted_at AS "acceptedAt", revoked_at AS "revokedAt"`;

/**
 * Identity's part of the personal-data register: the export of one person's records and their
 * erasure. Other contexts never read these tables; they get the person's former e-mail and
 * name from erase() to anonymise their own.
 */
@Injectable()
export class IdentityPersonalDataRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  /** The person's records, or null when there is no such user. */
  async exportOf(userId: string): Promise<IdentityPersonalData | null> {
    const [profile] = await this.dataSource.query<IdentityPersonalData['profile'][]>(
      `SELECT id, email, name, locale, platform_roles AS "platformRoles", created_at AS "createdAt",
              updated_at AS "updatedAt", disabled_at AS "disabledAt"
         FROM users WHERE id = $1`,
      [userId],
    );
    if (!profile) return null;
    const [organisations, invitationsSent, invitationsReceived, sessions] = await Promise.all([
      this.dataSource.query<IdentityPersonalData['organisations']>(
        `SELECT m.organisation_id AS "organisationId", o.legal_name AS "legalName", m.role,
                m.created_at AS since
           FROM organisation_members m JOIN organisations o ON o.id = m.organisation_id
          WHERE m.user_id = $1 ORDER BY m.created_at`,
        [userId],
      ),
      this.dataSource.query<InvitationRecord[]>(
        `SELECT ${INVITATION_COLUMNS} FROM invitations WHERE invited_by = $1 ORDER BY created_at`,
        [userId],
      ),
      this.dataSource.query<InvitationRecord[]>(
        `SELECT ${INVITATION_COLUMNS} FROM invitations
          WHERE lower(email) = lower($2) OR accepted_by = $1 ORDER BY created_at`,
        [userId, profile.email],
      ),
      // Each refresh rotates the token inside its family: the newest row is the last use.
      this.dataSource.query<IdentityPersonalData['sessions']>(
        `SELECT t.family_id AS "sessionId", min(t.created_at) AS "createdAt",
                max(t.created_at) AS "lastUsedAt", max(t.expires_at) AS "expiresAt",
                CASE WHEN bool_and(t.revoked_at IS NOT NULL) THEN max(t.revoked_at) END AS "revokedAt",
                s.user_agent AS "userAgent", s.client_address AS "clientAddress"
           FROM refresh_tokens t
           LEFT JOIN login_sessions s ON s.family_id = t.family_id
          WHERE t.user_id = $1
          GROUP BY t.family_id, s.user_agent, s.client_address ORDER BY min(t.created_at)`,
        [userId],
      ),
    ]);
    return { profile, organisations, invitationsSent, invitationsReceived, sessions };
  }

  /** Whether the password is the account's (a user confirms their own erasure with it). */
  async passwordMatches(userId: string, password: string): Promise<boolean> {
    const [row] = await this.dataSource.query<{ hash: string }[]>(
      `SELECT password_hash AS hash FROM users WHERE id = $1 AND erased_at IS NULL`,
      [userId],
    );
    return this.hasher.verify(row?.hash ?? null, password);
  }

  /** Whether the user exists and has not been erased yet. */
  async isErasable(userId: string): Promise<boolean | null> {
    const [row] = await this.dataSource.query<{ erased: boolean }[]>(
      `SELECT erased_at IS NOT NULL AS erased FROM users WHERE id = $1`,
      [userId],
    );
    return row ? !row.erased : null;
  }

  /** Organisations in which the user is the only org admin: erasing them leaves no admin. */
  orphanedBy(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrphanedOrganisation[]> {
    return manager.query<OrphanedOrganisation[]>(
      `SELECT o.id, o.legal_name AS "legalName"
         FROM organisation_members m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.user_id = $1 AND m.role = 'org_admin'
          AND NOT EXISTS (SELECT 1 FROM organisation_members other
                           WHERE other.organisation_id = m.organisation_id
                             AND other.role = 'org_admin' AND other.user_id <> $1)
        ORDER BY o.legal_name`,
      [userId],
    );
  }

  /**
   * Whether the user is the last Chambre admin still able to sign in: erasing them would leave
   * no one to run the platform. Locks the admins' rows, so two admins erasing each other at once
   * cannot both pass.
   */
  async isLastPlatformAdmin(manager: EntityManager, userId: string): Promise<boolean> {
    const admins = await manager.query<{ id: string }[]>(
      `SELECT id FROM users WHERE 'admin' = ANY(platform_roles) AND disabled_at IS NULL
        ORDER BY id FOR UPDATE`,
    );
    return admins.length === 1 && admins[0].id === userId;
  }

  /**
   * Anonymises the account in the caller's transaction: placeholders for name and e-mail, no
   * password, disabled, every session revoked and its sign-in history and pending links deleted,
   * its memberships ended, invitations to its address revoked and readdressed. Returns who it was, or null when it is unknown or already erased
   * (the row is locked, so two erasures do not both run).
   */
  async erase(manager: EntityManager, userId: string): Promise<ErasedIdentity | null> {
    const [before] = await manager.query<{ email: string; name: string }[]>(
      `SELECT email, name FROM users WHERE id = $1 AND erased_at IS NULL FOR UPDATE`,
      [userId],
    );
    if (!before) return null;
    const placeholderEmail = erasedEmailOf(userId);
    // An empty hash never verifies (argon2 refuses it), so no password opens the account.
    await manager.query(
      `UPDATE users SET email = $2, name = $3, password_hash = '', platform_roles = '{}',
              locale = 'fr', disabled_at = coalesce(disabled_at, now()), erased_at = now(), updated_at = now()
        WHERE id = $1`,
      [userId, placeholderEmail, ERASED_NAME],
    );
    await manager.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
    await manager.query(`DELETE FROM organisation_members WHERE user_id = $1`, [userId]);
    // Where and from what the person signed in (address, browser) and their pending links
    // (a new address awaiting verification) are theirs alone: nothing of it is kept.
    await manager.query(`DELETE FROM login_sessions WHERE user_id = $1`, [userId]);
    await manager.query(`DELETE FROM account_tokens WHERE user_id = $1`, [userId]);
    // An erased account never signs in again: its second factor goes with it.
    await manager.query(`DELETE FROM mfa_challenges WHERE user_id = $1`, [userId]);
    await manager.query(`DELETE FROM user_recovery_codes WHERE user_id = $1`, [userId]);
    await manager.query(`DELETE FROM user_totp WHERE user_id = $1`, [userId]);
    await manager.query(
      `UPDATE invitations
          SET email = $3, revoked_at = CASE WHEN accepted_at IS NULL THEN coalesce(revoked_at, now()) ELSE revoked_at END
        WHERE lower(email) = lower($2) OR accepted_by = $1`,
      [userId, before.email, placeholderEmail],
    );
    return { userId, email: before.email, name: before.name, placeholderEmail };
  }
}
