import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MembershipProfile } from '../entities/membership-profile.entity';

export type ProfileFields = Pick<
  MembershipProfile,
  'family' | 'headcount' | 'annualBudgetCents' | 'contactName' | 'contactEmail'
>;

@Injectable()
export class MembershipProfileRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findForOrganisation(
    organisationId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MembershipProfile | null> {
    return manager.findOne(MembershipProfile, { where: { organisationId } });
  }

  /** The organisation's profile as it last declared it, in one statement. */
  async upsert(
    chambreId: string,
    organisationId: string,
    fields: ProfileFields,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO membership_profiles (organisation_id, chambre_id, family, headcount,
         annual_budget_cents, contact_name, contact_email, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (organisation_id) DO UPDATE SET
         family = EXCLUDED.family,
         headcount = EXCLUDED.headcount,
         annual_budget_cents = EXCLUDED.annual_budget_cents,
         contact_name = EXCLUDED.contact_name,
         contact_email = EXCLUDED.contact_email,
         updated_at = now()`,
      [
        organisationId,
        chambreId,
        fields.family,
        fields.headcount,
        fields.annualBudgetCents,
        fields.contactName,
        fields.contactEmail,
      ],
    );
  }
}
