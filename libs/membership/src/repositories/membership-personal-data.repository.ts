import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface MembershipPersonalData {
  /** Applications they submitted, or that name them as contact. */
  applications: {
    id: string;
    organisationId: string;
    year: number;
    contactName: string;
    contactEmail: string;
    submittedByThem: boolean;
    charterAcceptedAt: Date;
    status: string;
    createdAt: Date;
  }[];
}

/**
 * Membership's part of the personal-data register: the contact an organisation names in its
 * applications and profile (a person's name and e-mail). The rows stay (the decisions and the
 * acceptance of the charter are the Chambre's records, by organisation and user id); the
 * person's name and address go.
 */
@Injectable()
export class MembershipPersonalDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async exportOf(userId: string, email: string): Promise<MembershipPersonalData> {
    const applications = await this.dataSource.query<MembershipPersonalData['applications']>(
      `SELECT id, organisation_id AS "organisationId", year, contact_name AS "contactName",
              contact_email AS "contactEmail", submitted_by = $1 AS "submittedByThem",
              charter_accepted_at AS "charterAcceptedAt", status, created_at AS "createdAt"
         FROM membership_applications
        WHERE submitted_by = $1 OR lower(contact_email) = lower($2)
        ORDER BY created_at, id`,
      [userId, email],
    );
    return { applications };
  }

  /** In the erasure's transaction; answers how many rows were changed. */
  async erase(manager: EntityManager, email: string): Promise<number> {
    const [, applications] = await manager.query<[unknown[], number]>(
      `UPDATE membership_applications
          SET contact_name = 'Contact effacé',
              contact_email = 'erased-' || id || '@erased.invalid'
        WHERE lower(contact_email) = lower($1)`,
      [email],
    );
    const [, profiles] = await manager.query<[unknown[], number]>(
      `UPDATE membership_profiles SET contact_name = NULL, contact_email = NULL
        WHERE lower(contact_email) = lower($1)`,
      [email],
    );
    return applications + profiles;
  }
}
