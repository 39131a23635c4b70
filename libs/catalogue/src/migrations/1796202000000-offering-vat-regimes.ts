import { MigrationInterface, QueryRunner } from 'typeorm';

const OFFERING_TREATMENTS = `'standard', 'exempt_training', 'exempt_members', 'out_of_scope_disbursement', 'out_of_scope_subsidy'`;

/**
 * An offering's VAT treatment becomes one of the Chambre's closed list of regimes
 * (libs/catalogue/src/vat-regimes.ts), set by the Chambre only, and changed on a published
 * offering through a revision the Chambre approves. The Chambre's VAT policy for offerings (the
 * date of its training exemption attestation, its default regimes) is held here, beside the
 * offerings it governs: the catalogue sits below invoicing and cannot read the chambres table.
 *
 * Mapping of the old values:
 * - `standard` stays: 20 % (CGI art. 256, 278).
 * - `exempt_training` stays on a training: it had its legal basis (art. 261, 4, 4° a); the Chambre
 *   records its attestation's date in its settings, which show the offerings waiting for it.
 * - `exempt_training` on a consultation, and every `not_subject`, become `standard`: a
 *   consultation or training sold for a price is a service for consideration (CGI art. 256, I),
 *   taxable unless an exemption applies, and neither an exemption reserved to training nor "non
 *   soumise" applied. Each change is written to the audit log for the Chambre to review.
 */
export class OfferingVatRegimes1796202000000 implements MigrationInterface {
  name = 'OfferingVatRegimes1796202000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE offerings DROP CONSTRAINT offerings_vat_treatment_check`);
    const unfounded = `vat_treatment = 'not_subject' OR (vat_treatment = 'exempt_training' AND kind <> 'training')`;
    await db.query(`
      INSERT INTO audit_log (actor_label, action, entity_type, entity_id, before, after, reason, context)
      SELECT 'migration', 'offering.pricing.changed', 'offering', id::text,
             jsonb_build_object('vatTreatment', vat_treatment), jsonb_build_object('vatTreatment', 'standard'),
             'Régime de TVA sans base légale pour cette offre : soumise au taux normal (art. 256 et 278 du CGI)',
             jsonb_build_object('status', status, 'migration', '${this.name}')
      FROM offerings WHERE ${unfounded}`);
    await db.query(`UPDATE offerings SET vat_treatment = 'standard' WHERE ${unfounded}`);
    await db.query(`
      ALTER TABLE offerings
        ADD CONSTRAINT offerings_vat_treatment_known CHECK (vat_treatment IN (${OFFERING_TREATMENTS})),
        -- Art. 261, 4, 4° a exempts professional training only.
        ADD CONSTRAINT offerings_training_exemption_only_for_training
          CHECK (vat_treatment <> 'exempt_training' OR kind = 'training')`);

    // A revision proposes the whole moderated version, VAT regime included. Revisions reviewed
    // before regimes were moderated proposed none (null); a pending one proposes the live one.
    await db.query(`
      ALTER TABLE offering_revisions
        ADD COLUMN vat_treatment text CHECK (vat_treatment IN (${OFFERING_TREATMENTS}))`);
    await db.query(`
      UPDATE offering_revisions revision SET vat_treatment = offering.vat_treatment
      FROM offerings offering
      WHERE offering.id = revision.offering_id AND revision.status = 'pending'`);
    await db.query(`
      ALTER TABLE offering_revisions
        ADD CONSTRAINT offering_revisions_pending_has_vat_treatment
          CHECK (status <> 'pending' OR vat_treatment IS NOT NULL)`);

    // One row: the Chambre's (one today, as in chambres).
    await db.query(`
      CREATE TABLE offering_vat_settings (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        -- The DREETS attestation (form 3511-SD) that the Chambre's training is exempt; distinct
        -- from its NDA (numéro de déclaration d'activité), which does not exempt anything.
        training_exemption_attested_on date,
        default_vat_treatment_training text NOT NULL DEFAULT 'standard'
          CHECK (default_vat_treatment_training IN ('standard', 'exempt_training', 'exempt_members')),
        default_vat_treatment_other text NOT NULL DEFAULT 'standard'
          CHECK (default_vat_treatment_other IN ('standard', 'exempt_members')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT offering_vat_settings_exemption_attested
          CHECK (default_vat_treatment_training <> 'exempt_training' OR training_exemption_attested_on IS NOT NULL)
      )`);
    await db.query(`INSERT INTO offering_vat_settings DEFAULT VALUES`);
    // The settings page counts the offerings under the training exemption.
    await db.query(
      `CREATE INDEX offerings_vat_treatment_idx ON offerings (vat_treatment) WHERE status <> 'archived'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX offerings_vat_treatment_idx`);
    await db.query(`DROP TABLE offering_vat_settings`);
    await db.query(`ALTER TABLE offering_revisions DROP COLUMN vat_treatment`);
    // The regimes the old list did not have go back to the nearest old value of the same category.
    await db.query(`
      UPDATE offerings SET vat_treatment = CASE
        WHEN vat_treatment = 'exempt_members' THEN 'exempt_training'
        ELSE 'not_subject' END
      WHERE vat_treatment IN ('exempt_members', 'out_of_scope_disbursement', 'out_of_scope_subsidy')`);
    await db.query(`
      ALTER TABLE offerings
        DROP CONSTRAINT offerings_training_exemption_only_for_training,
        DROP CONSTRAINT offerings_vat_treatment_known,
        ADD CONSTRAINT offerings_vat_treatment_check
          CHECK (vat_treatment IN ('standard', 'exempt_training', 'not_subject'))`);
  }
}
