import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  configureChambre,
  createTestContext,
  insertOrganisations,
  insertVerifiedUser,
} from '@mutualis/testing';
import {
  IsolatedEnvironment,
  isolatedEnvironment,
} from '../../../../test/support/isolated-environment';
import { AccountingModule } from '../accounting.module';
import { ClosePeriodUseCase } from '../use-cases/close-period/close-period.use-case';

const TRAINING = 'Exonération de TVA, art. 261, 4, 4° a du CGI';

// Its own database: it closes December 2024, which no other spec may see.
describe('deferred income at the close of a fiscal year', () => {
  let environment: IsolatedEnvironment;
  let context: INestApplicationContext;
  let db: DataSource;
  let organisationId: string;
  let finance: { userId: string };
  let sequence = 0;

  beforeAll(async () => {
    environment = await isolatedEnvironment('deferred_income');
    context = await createTestContext([AccountingModule], environment.env);
    db = context.get(DataSource);
    await configureChambre(db);
    [organisationId] = await insertOrganisations(db, await insertVerifiedUser(db), 1, null);
    finance = { userId: await insertVerifiedUser(db, 'finance') };
  });

  afterAll(async () => {
    await context?.close();
    await environment?.drop();
  });

  /** An issued invoice or credit note, as invoicing stores it (its breakdown: [category, excl]). */
  async function issued(document: {
    type: 'invoice' | 'credit_note';
    issueDate: string;
    serviceDate: string;
    groups: ['S' | 'E', number][];
    corrects?: string;
  }): Promise<string> {
    sequence++;
    const invoice = document.type === 'invoice';
    const breakdown = document.groups.map(([category, excl]) => ({
      vatCategory: category,
      vatRateBasisPoints: category === 'S' ? 2000 : 0,
      taxableAmountCents: excl,
      vatAmountCents: category === 'S' ? excl / 5 : 0,
      exemptionReason: category === 'S' ? null : TRAINING,
    }));
    const excl = breakdown.reduce((sum, group) => sum + group.taxableAmountCents, 0);
    const vat = breakdown.reduce((sum, group) => sum + group.vatAmountCents, 0);
    const [{ id }] = await db.query<{ id: string }[]>(
      `INSERT INTO invoices (chambre_id, type, type_code, status, series, year, sequence, number, organisation_id,
                             corrects_invoice_id, payment_reference, issue_date, service_date, total_excl_vat_cents,
                             total_vat_cents, total_incl_vat_cents, payable_amount_cents, seller, buyer, vat_breakdown, issued_at)
       SELECT id, $1, $2, 'issued', $3, 2024, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, '{}', '{"name":"SCOP"}', $14,
              $9::date + time '10:00'
         FROM chambres WHERE slug = 'default'
       RETURNING id`,
      [
        document.type,
        invoice ? 380 : 381,
        invoice ? 'F' : 'AV',
        sequence,
        `${invoice ? 'F' : 'AV'}-2024-${String(sequence).padStart(6, '0')}`,
        organisationId,
        document.corrects ?? null,
        `RF${randomUUID().replace(/-/g, '').slice(0, 20)}`,
        document.issueDate,
        document.serviceDate,
        excl,
        vat,
        excl + vat,
        JSON.stringify(breakdown),
      ],
    );
    return id;
  }

  const entryOf = async (sourceKey: string) => {
    const [entry] = await db.query<
      {
        id: string;
        journal: string;
        entry_date: string;
        piece_ref: string;
        number: string | null;
      }[]
    >(
      `SELECT id, journal, to_char(entry_date, 'YYYY-MM-DD') AS entry_date, piece_ref, number
         FROM accounting_entries WHERE source_key = $1`,
      [sourceKey],
    );
    if (!entry) return null;
    const lines = await db.query<{ account_number: string; debit: string; credit: string }[]>(
      `SELECT account_number, debit_cents AS debit, credit_cents AS credit
         FROM accounting_entry_lines WHERE entry_id = $1 ORDER BY position`,
      [entry.id],
    );
    return {
      journal: entry.journal,
      date: entry.entry_date,
      pieceRef: entry.piece_ref,
      validated: entry.number !== null,
      lines: lines.map((line) => [line.account_number, Number(line.debit), Number(line.credit)]),
    };
  };

  it('defers, when December closes, the revenue of services performed after the year, net of its credit notes, and reverses it on 1 January', async () => {
    // Performed in the year: nothing deferred.
    await issued({
      type: 'invoice',
      issueDate: '2024-11-04',
      serviceDate: '2024-12-10',
      groups: [['S', 50_000]],
    });
    // Invoiced in 2024 for January 2025: a consultation and a training, then partly credited.
    const later = await issued({
      type: 'invoice',
      issueDate: '2024-12-02',
      serviceDate: '2025-01-15',
      groups: [
        ['S', 10_000],
        ['E', 5_000],
      ],
    });
    await issued({
      type: 'credit_note',
      issueDate: '2024-12-20',
      serviceDate: '2025-01-15',
      groups: [['S', 2_000]],
      corrects: later,
    });
    // Invoiced in 2025: not this year's.
    await issued({
      type: 'invoice',
      issueDate: '2025-01-03',
      serviceDate: '2025-02-01',
      groups: [['S', 7_000]],
    });

    await context.get(ClosePeriodUseCase).execute(finance, '2024-12');

    expect(await entryOf('deferred-income:2024')).toEqual({
      journal: 'OD',
      date: '2024-12-31',
      pieceRef: 'PCA-2024',
      // Validated with December, whose closing posted it.
      validated: true,
      lines: [
        ['706100', 8_000, 0],
        ['706200', 5_000, 0],
        ['487000', 0, 13_000],
      ],
    });
    expect(await entryOf('deferred-income-reversal:2024')).toEqual({
      journal: 'OD',
      date: '2025-01-01',
      pieceRef: 'PCA-2024',
      validated: false,
      lines: [
        ['706100', 0, 8_000],
        ['706200', 0, 5_000],
        ['487000', 13_000, 0],
      ],
    });
  });
});
