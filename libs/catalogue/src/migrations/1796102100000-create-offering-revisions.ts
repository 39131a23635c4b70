import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Changes a consultant proposes to a published offering's public wording or prices wait here
 * for the Chambre's review while the published version stays live. Each row holds the whole
 * proposed version of the moderated fields (not a diff), so approving it is a plain copy.
 */
export class CreateOfferingRevisions1796102100000 implements MigrationInterface {
  name = 'CreateOfferingRevisions1796102100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE offering_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        offering_id uuid NOT NULL REFERENCES offerings (id),
        proposed_by uuid NOT NULL REFERENCES users (id),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 3 AND 200),
        summary text NOT NULL CHECK (length(btrim(summary)) BETWEEN 1 AND 500),
        description text NOT NULL CHECK (length(description) <= 20000),
        member_price_cents bigint NOT NULL CHECK (member_price_cents >= 0),
        non_member_price_cents bigint NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
        reviewed_by uuid REFERENCES users (id),
        reviewed_at timestamptz,
        rejection_reason text CHECK (length(rejection_reason) <= 2000),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT offering_revisions_member_price_not_above_non_member
          CHECK (member_price_cents <= non_member_price_cents),
        CONSTRAINT offering_revisions_rejected_has_reason
          CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL),
        CONSTRAINT offering_revisions_reviewed
          CHECK ((status IN ('approved', 'rejected')) = (reviewed_by IS NOT NULL AND reviewed_at IS NOT NULL))
      )`);
    // One revision awaits review per offering: a second edit amends it.
    await db.query(
      `CREATE UNIQUE INDEX offering_revisions_one_pending ON offering_revisions (offering_id) WHERE status = 'pending'`,
    );
    // The moderation queue, oldest first, and an offering's latest revision.
    await db.query(
      `CREATE INDEX offering_revisions_queue_idx ON offering_revisions (created_at, id) WHERE status = 'pending'`,
    );
    await db.query(
      `CREATE INDEX offering_revisions_offering_idx ON offering_revisions (offering_id, created_at DESC)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE offering_revisions`);
  }
}
