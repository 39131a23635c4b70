import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cancelling a membership (the organisation leaves) is recorded once per membership with its
 * reason and the credit note it gave; the claim column lets one request, and only one, ask
 * invoicing for that credit note even when two admins cancel at once. An organisation's campaign
 * items are found by organisation, to tell a renewal (chased by reminders) from a first adhésion.
 */
export class CampaignCancellations1796206310000 implements MigrationInterface {
  name = 'CampaignCancellations1796206310000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE membership_cancellations (
        membership_id uuid PRIMARY KEY REFERENCES memberships (id),
        chambre_id uuid NOT NULL REFERENCES chambres (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 1000),
        invoice_id uuid,
        -- Set when the credit note is asked for (a claim), then the credit note's id.
        credit_requested_at timestamptz,
        credit_note_id uuid,
        credited_cents bigint NOT NULL DEFAULT 0 CHECK (credited_cents >= 0),
        cancelled_by uuid NOT NULL,
        cancelled_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT membership_cancellations_credit_claimed
          CHECK (credit_note_id IS NULL OR credit_requested_at IS NOT NULL)
      )`);
    await db.query(`
      CREATE INDEX membership_cancellations_organisation
        ON membership_cancellations (organisation_id, year)`);
    await db.query(`
      CREATE INDEX membership_campaign_items_organisation
        ON membership_campaign_items (organisation_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX membership_campaign_items_organisation`);
    await db.query(`DROP TABLE membership_cancellations`);
  }
}
