import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConsultantProfile } from '../entities/consultant-profile.entity';

export type ProfileFields = Pick<ConsultantProfile, 'bio' | 'expertise' | 'departments'>;

@Injectable()
export class ConsultantProfileRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByUserId(userId: string): Promise<ConsultantProfile | null> {
    return this.dataSource.manager.findOne(ConsultantProfile, { where: { userId } });
  }

  /** Creates the profile or replaces its fields, in one statement. */
  async upsert(userId: string, fields: ProfileFields): Promise<ConsultantProfile> {
    await this.dataSource.query(
      `INSERT INTO consultant_profiles (user_id, bio, expertise, departments) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE
         SET bio = EXCLUDED.bio, expertise = EXCLUDED.expertise, departments = EXCLUDED.departments, updated_at = now()`,
      [userId, fields.bio, fields.expertise, fields.departments],
    );
    return (await this.findByUserId(userId))!;
  }

  /** The consultant's profile, created empty when they have none yet. */
  async ensure(userId: string): Promise<ConsultantProfile> {
    return (
      (await this.findByUserId(userId)) ??
      this.upsert(userId, { bio: '', expertise: [], departments: [] })
    );
  }
}
