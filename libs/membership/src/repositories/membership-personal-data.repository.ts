import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Membership's part of the personal-data register: the contact an organisation names in its
 * applications and profile (a person's name and e-mail). The rows stay (the decisions and the
 * acceptance of the charter are the Chambre's records, by organisation and user id); the
 * person's name and address go.
 */
@Injectable()
export class MembershipPersonalDataRepository {
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
