import { MigrationInterface, QueryRunner } from 'typeorm';

const BOOKED_TREATMENTS = `'standard', 'exempt_training', 'exempt_members', 'out_of_scope_disbursement', 'out_of_scope_subsidy', 'not_subject'`;

/**
 * A booking snapshots its offering's VAT regime (libs/catalogue/src/vat-regimes.ts) and keeps it
 * whatever the catalogue does later. Mapping of the snapshots taken before the closed list:
 * - `standard` and `exempt_training` on a training stay as they are.
 * - `not_subject`, and `exempt_training` on a consultation, had no legal basis. A booking whose
 *   price nobody has paid or been invoiced for yet (waitlisted, offered, or awaiting payment with
 *   no payment started and no invoice, not even a draft) is priced again at 20 % on the same
 *   price excluding VAT, as the catalogue's prices are: its invoice will say what the law
 *   requires. Every other booking keeps its snapshot (`not_subject` stays a known, retired code):
 *   what was agreed and paid, or invoiced, is history, corrected if need be by a credit note
 *   and a new invoice — finance's decision, not a migration's. Each repricing is audited.
 */
export class BookingVatRegimes1796202050000 implements MigrationInterface {
  name = 'BookingVatRegimes1796202050000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE bookings DROP CONSTRAINT bookings_vat_treatment_check`);
    await db.query(`
      CREATE TEMPORARY TABLE repriced_bookings ON COMMIT DROP AS
      SELECT booking.id
      FROM bookings booking
      JOIN offerings offering ON offering.id = booking.offering_id
      WHERE (booking.vat_treatment = 'not_subject'
             OR (booking.vat_treatment = 'exempt_training' AND offering.kind <> 'training'))
        AND booking.status IN ('pending_payment', 'waitlisted', 'offered')
        AND NOT EXISTS (SELECT 1 FROM payments payment WHERE payment.booking_id = booking.id)
        AND NOT EXISTS (SELECT 1 FROM invoices invoice WHERE invoice.booking_id = booking.id)`);
    // 20 % of whole cents, half up (as vatOnBase rounds): (base × 2000 + 5000) div 10000.
    const vat = `(booking.total_excl_vat_cents * 2000 + 5000) / 10000`;
    await db.query(`
      INSERT INTO audit_log (actor_label, action, entity_type, entity_id, before, after, reason, context)
      SELECT 'migration', 'booking.vat_repriced', 'booking', booking.id::text,
             jsonb_build_object('vatTreatment', booking.vat_treatment, 'totalInclVatCents', booking.total_incl_vat_cents),
             jsonb_build_object('vatTreatment', 'standard', 'totalInclVatCents', booking.total_excl_vat_cents + ${vat}),
             'Régime de TVA sans base légale : réservation ni payée ni facturée, soumise au taux normal (art. 256 et 278 du CGI)',
             jsonb_build_object('status', booking.status, 'migration', '${this.name}')
      FROM bookings booking JOIN repriced_bookings USING (id)`);
    await db.query(`
      UPDATE bookings booking SET
        vat_treatment = 'standard',
        vat_rate_basis_points = 2000,
        total_vat_cents = ${vat},
        total_incl_vat_cents = booking.total_excl_vat_cents + ${vat}
      FROM repriced_bookings WHERE repriced_bookings.id = booking.id`);
    await db.query(`
      ALTER TABLE bookings
        ADD CONSTRAINT bookings_vat_treatment_known CHECK (vat_treatment IN (${BOOKED_TREATMENTS})),
        -- Only the standard regime is taxed, at 20 % (the one rate the Chambre's services take).
        ADD CONSTRAINT bookings_vat_rate_of_treatment
          CHECK (vat_rate_basis_points = CASE WHEN vat_treatment = 'standard' THEN 2000 ELSE 0 END)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      UPDATE bookings SET vat_treatment = CASE
        WHEN vat_treatment = 'exempt_members' THEN 'exempt_training'
        ELSE 'not_subject' END
      WHERE vat_treatment IN ('exempt_members', 'out_of_scope_disbursement', 'out_of_scope_subsidy')`);
    await db.query(`
      ALTER TABLE bookings
        DROP CONSTRAINT bookings_vat_rate_of_treatment,
        DROP CONSTRAINT bookings_vat_treatment_known,
        ADD CONSTRAINT bookings_vat_treatment_check
          CHECK (vat_treatment IN ('standard', 'exempt_training', 'not_subject'))`);
  }
}
