import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface CataloguePersonalData {
  /** A consultant's public profile, when they have one. */
  consultantProfile: {
    bio: string;
    expertise: string[];
    departments: string[];
    createdAt: Date;
    updatedAt: Date;
  } | null;
}

/**
 * Catalogue's part of the personal-data register: a consultant's profile is about them and
 * goes with them. The offerings they wrote stay: they are the Chambre's catalogue, and carry
 * the (anonymised) account only as their author.
 */
@Injectable()
export class CataloguePersonalDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async exportOf(userId: string): Promise<CataloguePersonalData> {
    const [profile] = await this.dataSource.query<
      NonNullable<CataloguePersonalData['consultantProfile']>[]
    >(
      `SELECT bio, expertise, departments, created_at AS "createdAt", updated_at AS "updatedAt"
         FROM consultant_profiles WHERE user_id = $1`,
      [userId],
    );
    return { consultantProfile: profile ?? null };
  }

  async erase(manager: EntityManager, userId: string): Promise<number> {
    const [, count] = await manager.query<[unknown, number]>(
      `DELETE FROM consultant_profiles WHERE user_id = $1`,
      [userId],
    );
    return count;
  }
}
