import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each invoice line, and each entry of an invoice's VAT breakdown, names the VAT regime it was
 * sold under (the closed list of libs/catalogue/src/vat-regimes.ts) and its VATEX code, so the
 * accounting splits revenue by regime (taxable, exempt training, other exempt or out of scope)
 * and the e-invoice carries BT-121 without parsing a mention.
 *
 * Issued invoices are immutable (triggers). Their existing lines and breakdowns are completed
 * here, once, with a classification derived only from what they already say (category and
 * mention): nothing they print changes, and the migration proves it by comparing every row's
 * content, without the new fields, before and after. To write them, the two immutability
 * triggers are disabled inside this migration's transaction: ALTER TABLE holds a lock that keeps
 * every other writer out until the commit, and a failure rolls the disabling back with the rest.
 * A line whose classification is not certain stops the migration rather than being guessed.
 */
export class InvoiceVatRegimes1796202100000 implements MigrationInterface {
  name = 'InvoiceVatRegimes1796202100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE invoice_lines ADD COLUMN vat_regime text, ADD COLUMN vatex_code text`,
    );
    await db.query(`CREATE TEMPORARY TABLE invoice_content_before ON COMMIT DROP AS ${CONTENT}`);

    await db.query(`ALTER TABLE invoice_lines DISABLE TRIGGER invoice_lines_immutable`);
    await db.query(`ALTER TABLE invoices DISABLE TRIGGER invoices_immutable`);
    // What the lines printed before this change: S at 20 %, the training exemption's mention
    // (without its letter a, hence the fix elsewhere), the franchise, and the retired "non
    // soumise", which had no legal basis and keeps its own code.
    await db.query(`
      UPDATE invoice_lines SET
        vat_regime = CASE
          WHEN vat_category = 'S' AND vat_rate_basis_points = 2000 AND exemption_reason IS NULL THEN 'standard'
          WHEN vat_category = 'E' AND exemption_reason = 'Exonération de TVA, art. 261-4-4° du CGI' THEN 'exempt_training'
          WHEN vat_category = 'E' AND exemption_reason = 'TVA non applicable, art. 293 B du CGI' THEN 'franchise'
          WHEN vat_category = 'O' AND exemption_reason = 'Opération non soumise à la TVA' THEN 'not_subject'
        END`);
    await db.query(`UPDATE invoice_lines SET vatex_code = ${VATEX_OF('vat_regime')}`);
    const unknown = (await db.query(
      `SELECT id FROM invoice_lines WHERE vat_regime IS NULL LIMIT 5`,
    )) as { id: string }[];
    if (unknown.length > 0) {
      throw new Error(
        `invoice lines with a VAT category and mention this migration cannot classify: ${unknown
          .map((row) => row.id)
          .join(', ')}`,
      );
    }
    // A breakdown entry takes the regime of the invoice's lines of the same category and rate
    // (one mention per entry already, so one regime).
    await db.query(`
      UPDATE invoices SET vat_breakdown = COALESCE((
        SELECT jsonb_agg(
                 entry || jsonb_build_object(
                   'vatRegime', regime.vat_regime,
                   'vatexCode', regime.vatex_code)
                 ORDER BY position)
        FROM jsonb_array_elements(invoices.vat_breakdown) WITH ORDINALITY AS entries (entry, position)
        CROSS JOIN LATERAL (
          SELECT DISTINCT line.vat_regime, line.vatex_code
          FROM invoice_lines line
          WHERE line.invoice_id = invoices.id
            AND line.vat_category = entry ->> 'vatCategory'
            AND line.vat_rate_basis_points = (entry ->> 'vatRateBasisPoints')::integer
        ) AS regime), '[]'::jsonb)`);
    await db.query(`ALTER TABLE invoices ENABLE TRIGGER invoices_immutable`);
    await db.query(`ALTER TABLE invoice_lines ENABLE TRIGGER invoice_lines_immutable`);

    const changed = (await db.query(`
      SELECT count(*) AS count FROM (
        (TABLE invoice_content_before EXCEPT ${CONTENT})
        UNION ALL
        (${CONTENT} EXCEPT TABLE invoice_content_before)) AS difference`)) as { count: string }[];
    if (Number(changed[0].count) !== 0) {
      throw new Error('completing the VAT regimes would change what an invoice says; nothing done');
    }
    // An entry with no line of its category and rate would have been dropped: caught above.
    const incomplete = (await db.query(`
      SELECT id FROM invoices
      WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(vat_breakdown) AS entry
                    WHERE entry ->> 'vatRegime' IS NULL)
      LIMIT 5`)) as { id: string }[];
    if (incomplete.length > 0) {
      throw new Error(
        `invoices whose VAT breakdown matches none of their lines: ${incomplete.map((row) => row.id).join(', ')}`,
      );
    }

    await db.query(`
      ALTER TABLE invoice_lines
        ALTER COLUMN vat_regime SET NOT NULL,
        ADD CONSTRAINT invoice_lines_vat_regime_known CHECK (vat_regime IN (
          'standard', 'exempt_training', 'exempt_members', 'out_of_scope_disbursement',
          'out_of_scope_subsidy', 'franchise', 'not_subject')),
        -- The category and the VATEX code follow from the regime (vat-regimes.ts).
        ADD CONSTRAINT invoice_lines_vat_regime_category CHECK (vat_category = CASE
          WHEN vat_regime = 'standard' THEN 'S'
          WHEN vat_regime IN ('exempt_training', 'exempt_members', 'franchise') THEN 'E'
          ELSE 'O' END),
        ADD CONSTRAINT invoice_lines_vatex_code CHECK (vatex_code IS NOT DISTINCT FROM ${VATEX_OF('vat_regime')})`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE invoices DISABLE TRIGGER invoices_immutable`);
    await db.query(`
      UPDATE invoices SET vat_breakdown = COALESCE((
        SELECT jsonb_agg(entry - 'vatRegime' - 'vatexCode' ORDER BY position)
        FROM jsonb_array_elements(vat_breakdown) WITH ORDINALITY AS entries (entry, position)), '[]'::jsonb)`);
    await db.query(`ALTER TABLE invoices ENABLE TRIGGER invoices_immutable`);
    await db.query(`ALTER TABLE invoice_lines DROP COLUMN vatex_code, DROP COLUMN vat_regime`);
  }
}

/** Every invoice's content without the fields this migration adds, to prove nothing else moved. */
const CONTENT = `
  SELECT invoice.id,
         to_jsonb(invoice) - 'vat_breakdown' AS invoice,
         (SELECT jsonb_agg(entry - 'vatRegime' - 'vatexCode' ORDER BY position)
          FROM jsonb_array_elements(invoice.vat_breakdown) WITH ORDINALITY AS entries (entry, position)) AS breakdown,
         (SELECT jsonb_agg(to_jsonb(line) - 'vat_regime' - 'vatex_code' ORDER BY line.position)
          FROM invoice_lines line WHERE line.invoice_id = invoice.id) AS lines
  FROM invoices invoice`;

function VATEX_OF(column: string): string {
  return `CASE ${column}
    WHEN 'exempt_training' THEN 'VATEX-FR-CGI261-4'
    WHEN 'exempt_members' THEN 'VATEX-FR-CGI261-7'
    WHEN 'franchise' THEN 'VATEX-FR-FRANCHISE'
    WHEN 'out_of_scope_disbursement' THEN 'VATEX-EU-O'
    WHEN 'out_of_scope_subsidy' THEN 'VATEX-EU-O'
    WHEN 'not_subject' THEN 'VATEX-EU-O'
  END`;
}
