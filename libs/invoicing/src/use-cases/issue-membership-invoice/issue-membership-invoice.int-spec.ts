import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { configureChambre, createTestContext, insertBooker, validSiret } from '@mutualis/testing';
import {
  describeFindings,
  einvoicingValidators,
} from '../../../../../test/support/einvoicing-validators';
import { extractEmbeddedFile } from '../../../../../test/support/factur-x-pdf';
import { Invoice } from '../../entities/invoice.entity';
import { InvoicingEvents } from '../../invoicing.events';
import { InvoiceLine } from '../../entities/invoice-line.entity';
import { InvoicingModule } from '../../invoicing.module';
import { IssueRequestedCreditNoteUseCase } from '../issue-requested-credit-note/issue-requested-credit-note.use-case';
import { RequestCreditNoteUseCase } from '../request-credit-note/request-credit-note.use-case';
import {
  IssueMembershipInvoiceUseCase,
  MembershipInvoiceCommand,
} from './issue-membership-invoice.use-case';

const YEAR = new Date().getFullYear() + 1;

describe('IssueMembershipInvoiceUseCase', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let storage: string;
  let useCase: IssueMembershipInvoiceUseCase;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-membership-invoice-'));
    context = await createTestContext([InvoicingModule], { INVOICE_STORAGE_DIR: storage });
    db = context.get(DataSource);
    await configureChambre(db);
    useCase = context.get(IssueMembershipInvoiceUseCase);
  });

  afterAll(async () => {
    await context.close();
    rmSync(storage, { recursive: true, force: true });
  });

  /** An organisation and its membership row of next year (made by the factory). */
  async function membership(
    vatTreatment: MembershipInvoiceCommand['vatTreatment'],
  ): Promise<MembershipInvoiceCommand> {
    const { organisationId } = await insertBooker(db, 'pending');
    const [{ id }] = await db.query<{ id: string }[]>(
      `SELECT id FROM memberships WHERE organisation_id = $1 AND year = $2`,
      [organisationId, YEAR],
    );
    return {
      membershipId: id,
      organisationId,
      year: YEAR,
      description: `Cotisation ${YEAR} — association, 10 à 49 salariés`,
      amountCents: 45_000,
      vatTreatment,
    };
  }

  const invoicesOf = (membershipId: string) =>
    db.getRepository(Invoice).find({ where: { membershipId } });

  it('issues one numbered invoice for the year, out of the scope of VAT, with its Factur-X stored', async () => {
    const command = await membership('out_of_scope');
    const result = await useCase.execute(command);
    expect(result.outcome).toBe('issued');

    const [invoice] = await invoicesOf(command.membershipId);
    expect(invoice).toMatchObject({
      id: result.invoiceId,
      type: 'invoice',
      status: 'issued',
      number: expect.stringMatching(/^F-\d{4}-\d{6}$/),
      organisationId: command.organisationId,
      bookingId: null,
      membershipId: command.membershipId,
      serviceDate: `${YEAR}-01-01`,
      serviceEndDate: `${YEAR}-12-31`,
      totalExclVatCents: 45_000,
      totalVatCents: 0,
      totalInclVatCents: 45_000,
      payableAmountCents: 45_000,
      paymentMeans: 'bank_transfer',
      paymentReference: expect.stringMatching(/^RF\d{2}/),
      dueDate: expect.any(String),
      pdfSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // BR-O-02: no VAT identifier on a document with a line out of scope.
    expect(invoice.seller.vatNumber).toBeNull();
    expect(invoice.vatBreakdown).toEqual([
      expect.objectContaining({
        vatCategory: 'O',
        vatRegime: 'out_of_scope_membership',
        vatexCode: 'VATEX-EU-O',
        exemptionReason:
          'Cotisation hors du champ d’application de la TVA (sans contrepartie individualisée), art. 256 du CGI',
      }),
    ]);
    const lines = await db.getRepository(InvoiceLine).find({ where: { invoiceId: invoice.id } });
    expect(lines).toEqual([
      expect.objectContaining({
        description: command.description,
        quantity: 1,
        unitPriceExclVatCents: 45_000,
        vatCategory: 'O',
        vatRegime: 'out_of_scope_membership',
      }),
    ]);
    const [issued] = await db.query<{ payload: Record<string, unknown> }[]>(
      `SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND type = $2`,
      [invoice.id, InvoicingEvents.InvoiceIssued],
    );
    expect(issued.payload).toMatchObject({
      membershipId: command.membershipId,
      bookingId: null,
    });
  });

  it('answers already_issued with the same invoice when asked again', async () => {
    const command = await membership('out_of_scope');
    const first = await useCase.execute(command);
    const again = await useCase.execute(command);
    expect(again).toEqual({ outcome: 'already_issued', invoiceId: first.invoiceId });
    expect(await invoicesOf(command.membershipId)).toHaveLength(1);
  });

  it('issues one invoice when two callers ask at once', async () => {
    const command = await membership('taxable');
    const results = await Promise.all([useCase.execute(command), useCase.execute(command)]);
    expect(results.map((result) => result.outcome).sort()).toEqual(['already_issued', 'issued']);
    expect(new Set(results.map((result) => result.invoiceId)).size).toBe(1);
    const invoices = await invoicesOf(command.membershipId);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({
      totalExclVatCents: 45_000,
      totalVatCents: 9_000,
      totalInclVatCents: 54_000,
    });
    expect(invoices[0].vatBreakdown).toEqual([
      expect.objectContaining({
        vatCategory: 'S',
        vatRegime: 'standard',
        vatRateBasisPoints: 2000,
      }),
    ]);
  });

  it('refuses, in the database, an invoice billing both a booking and a membership, and a second invoice of a membership', async () => {
    const command = await membership('out_of_scope');
    const { invoiceId } = await useCase.execute(command);
    await expect(
      db.query(
        `INSERT INTO invoices (chambre_id, type, type_code, status, organisation_id, membership_id,
           payment_reference, service_date, total_excl_vat_cents, total_vat_cents, total_incl_vat_cents,
           seller, buyer, vat_breakdown)
         SELECT chambre_id, type, type_code, 'draft', organisation_id, membership_id,
           'RF18TEST' || substr(md5(random()::text), 1, 8), service_date, 0, 0, 0, seller, buyer, '[]'
           FROM invoices WHERE id = $1`,
        [invoiceId],
      ),
    ).rejects.toThrow(/invoices_one_per_membership/);
    // The CHECK is read before the foreign keys: any booking id shows it.
    await expect(
      db.query(
        `INSERT INTO invoices (chambre_id, type, type_code, status, organisation_id, membership_id, booking_id,
           corrects_invoice_id, service_date, total_excl_vat_cents, total_vat_cents, total_incl_vat_cents,
           seller, buyer, vat_breakdown)
         SELECT chambre_id, 'credit_note', 381, 'draft', organisation_id, membership_id, gen_random_uuid(),
           id, service_date, 0, 0, 0, seller, buyer, '[]'
           FROM invoices WHERE id = $1`,
        [invoiceId],
      ),
    ).rejects.toThrow(/invoices_bills_one_thing/);
  });

  it('sends a public body’s through Chorus Pro, on its administrative mandate, like its other invoices', async () => {
    const command = await membership('out_of_scope');
    await db.query(
      `UPDATE organisations SET is_public_body = true, chorus_structure_siret = $2 WHERE id = $1`,
      [command.organisationId, validSiret()],
    );
    const { invoiceId } = await useCase.execute(command);
    const invoice = await db.getRepository(Invoice).findOneByOrFail({ id: invoiceId });
    expect(invoice.paymentMeans).toBe('administrative_mandate');
    expect(invoice.buyer.publicProcurement).toMatchObject({ engagementNumber: null });
    const [transmission] = await db.query<{ channel: string }[]>(
      `SELECT channel FROM invoice_transmissions WHERE invoice_id = $1`,
      [invoiceId],
    );
    expect(transmission.channel).toBe('chorus_pro');
  });

  it('credits a membership (a member who left) with a credit note naming the same membership', async () => {
    const command = await membership('out_of_scope');
    const { invoiceId } = await useCase.execute(command);
    const requested = await context.get(RequestCreditNoteUseCase).execute({
      actor: { userId: command.organisationId, roles: ['finance'] },
      invoiceId,
      amountCents: command.amountCents,
      reason: 'Démission de l’adhérent',
    });
    expect(await context.get(IssueRequestedCreditNoteUseCase).execute(requested.id)).toBe('issued');
    const documents = await invoicesOf(command.membershipId);
    expect(documents.map((document) => [document.type, document.status]).sort()).toEqual([
      ['credit_note', 'issued'],
      ['invoice', 'cancelled'],
    ]);
    const [credited] = await db.query<{ payload: Record<string, unknown> }[]>(
      `SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND type = $2`,
      [requested.id, InvoicingEvents.CreditNoteIssued],
    );
    expect(credited.payload).toMatchObject({
      membershipId: command.membershipId,
      correctsInvoiceId: invoiceId,
    });
    // Its Factur-X (381, out of scope like the invoice) passes the validators too.
    const creditNote = documents.find((document) => document.type === 'credit_note')!;
    const xml = extractEmbeddedFile(readFileSync(join(storage, creditNote.pdfPath!))).toString(
      'utf8',
    );
    const reports = await (await einvoicingValidators()).validate(xml);
    expect(describeFindings(reports, 'fatal')).toBe('');
    // Still one invoice: the membership is not invoiced again by a relaunch.
    expect(await useCase.execute(command)).toEqual({ outcome: 'already_issued', invoiceId });
  }, 600_000);

  describe('its stored Factur-X', () => {
    it.each(['out_of_scope', 'taxable'] as const)(
      'of a cotisation %s passes the four official validators with zero fatal assertion',
      async (vatTreatment) => {
        const validators = await einvoicingValidators();
        const command = await membership(vatTreatment);
        const { invoiceId } = await useCase.execute(command);
        const invoice = await db.getRepository(Invoice).findOneByOrFail({ id: invoiceId });
        const xml = extractEmbeddedFile(readFileSync(join(storage, invoice.pdfPath!))).toString(
          'utf8',
        );
        if (vatTreatment === 'out_of_scope') {
          expect(xml).toContain('<ram:CategoryCode>O</ram:CategoryCode>');
          expect(xml).toContain('<ram:ExemptionReasonCode>VATEX-EU-O</ram:ExemptionReasonCode>');
          // The service period, 1 January to 31 December (BT-73, BT-74).
          expect(xml).toContain(`${YEAR}0101`);
          expect(xml).toContain(`${YEAR}1231`);
        }
        const reports = await validators.validate(xml);
        expect(reports.map((report) => report.validator)).toEqual([
          'xsd',
          'factur-x',
          'en16931',
          'br-fr',
        ]);
        expect(describeFindings(reports, 'fatal')).toBe('');
      },
      600_000,
    );
  });
});
