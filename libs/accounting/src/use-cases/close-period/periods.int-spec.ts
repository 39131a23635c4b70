import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import {
  configureChambre,
  createTestContext,
  insertOrganisations,
  insertVerifiedUser,
  paymentDraft,
  reversalDraft,
  saleDraft,
} from '@mutualis/testing';
import { auditFec } from '../../../../../test/support/fec-audit';
import {
  IsolatedEnvironment,
  isolatedEnvironment,
} from '../../../../../test/support/isolated-environment';
import { AccountingModule } from '../../accounting.module';
import { FEC_COLUMNS, checkFecBalance } from '../../export/fec';
import type { EntryDraft } from '../../journal/entry-draft';
import { JournalWriter } from '../../services/journal-writer';
import { ExportFecUseCase } from '../export-fec/export-fec.use-case';
import { ListPeriodsUseCase } from '../list-periods/list-periods.use-case';
import { ValidatePeriodUseCase } from '../validate-period/validate-period.use-case';
import { ClosePeriodUseCase } from './close-period.use-case';

// Its own database and its own years (2024, 2025): it closes months, which no other spec may see.
describe('validating and closing periods, and the FEC-layout export', () => {
  let environment: IsolatedEnvironment;
  let context: INestApplicationContext;
  let db: DataSource;
  let writer: JournalWriter;
  let clock: Clock;
  let organisationId: string;
  let finance: { userId: string };

  beforeAll(async () => {
    environment = await isolatedEnvironment('journal_periods');
    context = await createTestContext([AccountingModule], environment.env);
    db = context.get(DataSource);
    await configureChambre(db);
    writer = context.get(JournalWriter);
    clock = context.get(Clock);
    const userId = await insertVerifiedUser(db);
    [organisationId] = await insertOrganisations(db, userId, 1, null);
    await db.query(`UPDATE organisations SET legal_name = 'Coopérative Éco €' WHERE id = $1`, [
      organisationId,
    ]);
    finance = { userId: await insertVerifiedUser(db, 'finance') };
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await context?.close();
    await environment?.drop();
  });

  /** The Paris day the use cases take for today. */
  const today = (date: string) =>
    jest.spyOn(clock, 'now').mockReturnValue(new Date(`${date}T10:00:00Z`));
  const validate = (period: string) => context.get(ValidatePeriodUseCase).execute(period);
  const close = (period: string) => context.get(ClosePeriodUseCase).execute(finance, period);
  const post = (draft: EntryDraft) => writer.post(draft);
  const numberOf = async (sourceKey: string) => {
    const [row] = await db.query<{ number: string | null; validated_on: string | null }[]>(
      `SELECT number, to_char(validated_on, 'YYYY-MM-DD') AS validated_on FROM accounting_entries WHERE source_key = $1`,
      [sourceKey],
    );
    return row;
  };
  const exportFec = (query: { year: number; from?: string; to?: string }, utf8 = false) =>
    context.get(ExportFecUseCase).execute({ ...query, encoding: utf8 ? 'utf-8' : 'iso-8859-15' });

  describe('in 2024', () => {
    it('numbers per journal and fiscal year, in entry date then posting order, continuing across validations', async () => {
      const lateSale = saleDraft({ organisationId, date: '2024-01-20', exclVatCents: 1_000 });
      const earlySale = saleDraft({ organisationId, date: '2024-01-05', exclVatCents: 2_000 });
      const sameDaySale = saleDraft({ organisationId, date: '2024-01-20', exclVatCents: 3_000 });
      const payment = paymentDraft({
        organisationId,
        invoiceId: earlySale.invoiceId,
        date: '2024-01-25',
        cents: 2_400,
      });
      // Posted in this order: late, early, same day as late.
      for (const draft of [lateSale, earlySale, sameDaySale, payment]) await post(draft);

      today('2024-02-02');
      const first = await validate('2024-01');
      expect(first).toEqual({
        period: '2024-01',
        validatedOn: '2024-02-02',
        entries: 4,
        runs: [
          {
            journal: 'BQ',
            fiscalYear: 2024,
            count: 1,
            firstNumber: 'BQ2024-000001',
            lastNumber: 'BQ2024-000001',
          },
          {
            journal: 'VT',
            fiscalYear: 2024,
            count: 3,
            firstNumber: 'VT2024-000001',
            lastNumber: 'VT2024-000003',
          },
        ],
      });
      expect(await numberOf(earlySale.sourceKey)).toEqual({
        number: 'VT2024-000001',
        validated_on: '2024-02-02',
      });
      expect((await numberOf(lateSale.sourceKey)).number).toBe('VT2024-000002');
      expect((await numberOf(sameDaySale.sourceKey)).number).toBe('VT2024-000003');
      expect((await numberOf(payment.sourceKey)).number).toBe('BQ2024-000001');

      // Nothing left to validate: no number is handed out again.
      expect((await validate('2024-01')).entries).toBe(0);

      const february = saleDraft({ organisationId, date: '2024-02-10', exclVatCents: 1_000 });
      const lateJanuary = saleDraft({ organisationId, date: '2024-01-31', exclVatCents: 1_000 });
      await post(february);
      await post(lateJanuary);
      today('2024-03-04');
      await validate('2024-02');
      expect(await numberOf(lateJanuary.sourceKey)).toEqual({
        number: 'VT2024-000004',
        validated_on: '2024-03-04',
      });
      expect((await numberOf(february.sourceKey)).number).toBe('VT2024-000005');
    });

    it('hands out each number once when two validations run at once', async () => {
      const drafts = Array.from({ length: 12 }, (_, index) =>
        saleDraft({
          organisationId,
          date: `2024-03-${String(index + 1).padStart(2, '0')}`,
          exclVatCents: 100,
        }),
      );
      for (const draft of drafts) await post(draft);
      today('2024-04-02');
      const results = await Promise.all([
        validate('2024-03'),
        validate('2024-03'),
        validate('2024-03'),
      ]);
      expect(results.map((result) => result.entries).sort()).toEqual([0, 0, 12]);
      const numbers = await db.query<{ number: string }[]>(
        `SELECT number FROM accounting_entries WHERE journal = 'VT' AND fiscal_year = 2024 ORDER BY sequence`,
      );
      expect(numbers.map((row) => row.number)).toEqual(
        Array.from({ length: 17 }, (_, index) => `VT2024-${String(index + 1).padStart(6, '0')}`),
      );
    });

    it('starts each fiscal year at 1, and numbers a December entry validated in January in its own year', async () => {
      const december = saleDraft({ organisationId, date: '2024-12-30', exclVatCents: 100 });
      const january = saleDraft({ organisationId, date: '2025-01-02', exclVatCents: 100 });
      await post(december);
      await post(january);
      today('2025-01-10');
      await validate('2025-01');
      expect((await numberOf(december.sourceKey)).number).toBe('VT2024-000018');
      expect((await numberOf(january.sourceKey)).number).toBe('VT2025-000001');
    });
  });

  describe('closing, in 2024', () => {
    it('refuses a month not over yet, a month out of order, and answers what to close next', async () => {
      today('2024-03-31');
      await expect(close('2024-03')).rejects.toMatchObject({ code: 'period_not_over' });
      today('2025-01-15');
      await expect(close('2024-02')).rejects.toMatchObject({
        code: 'period_closed_out_of_order',
        extensions: { nextToClose: '2024-01' },
      });
      await expect(close('2026-13')).rejects.toMatchObject({ code: 'invalid_period' });
      expect((await context.get(ListPeriodsUseCase).execute(2024)).nextToClose).toBe('2024-01');
    });

    it('validates what remains, closes, refuses to close twice, and moves later entries to the next open month', async () => {
      const unvalidated = saleDraft({ organisationId, date: '2024-01-15', exclVatCents: 700 });
      await post(unvalidated);
      today('2025-01-15');
      const closing = await close('2024-01');
      expect(closing).toMatchObject({
        period: '2024-01',
        status: 'closed',
        closedBy: finance.userId,
        validation: { entries: 1, validatedOn: '2025-01-15' },
      });
      expect((await numberOf(unvalidated.sourceKey)).number).toMatch(/^VT2024-\d{6}$/);
      await expect(close('2024-01')).rejects.toMatchObject({ code: 'period_already_closed' });
      await expect(close('2024-03')).rejects.toMatchObject({
        code: 'period_closed_out_of_order',
        extensions: { nextToClose: '2024-02' },
      });

      const late = saleDraft({ organisationId, date: '2024-01-28', exclVatCents: 500 });
      const { entryId } = await post(late);
      const [entry] = await db.query<{ entry_date: string; piece_date: string }[]>(
        `SELECT to_char(entry_date, 'YYYY-MM-DD') AS entry_date, to_char(piece_date, 'YYYY-MM-DD') AS piece_date
           FROM accounting_entries WHERE id = $1`,
        [entryId],
      );
      expect(entry).toEqual({ entry_date: '2024-02-01', piece_date: '2024-01-28' });

      const periods = await context.get(ListPeriodsUseCase).execute(2024);
      expect(periods).toMatchObject({ closedThrough: '2024-01', nextToClose: '2024-02' });
      expect(periods.periods[0]).toMatchObject({
        period: '2024-01',
        status: 'closed',
        closedBy: finance.userId,
        unvalidatedEntries: 0,
      });
      expect(periods.periods[1]).toMatchObject({
        period: '2024-02',
        status: 'open',
        unvalidatedEntries: 1,
      });
    });
  });

  describe('the FEC-layout export, in 2025', () => {
    let invoiceId: string;

    it('gives the same bytes for a closed month, before and after later entries and letterings', async () => {
      // Close 2024 and 2025-01 first (periods close in order).
      today('2025-03-01');
      for (const period of [
        '2024-02',
        '2024-03',
        '2024-04',
        '2024-05',
        '2024-06',
        '2024-07',
        '2024-08',
        '2024-09',
        '2024-10',
        '2024-11',
        '2024-12',
      ]) {
        await close(period);
      }
      const sale = saleDraft({ organisationId, date: '2025-02-03', exclVatCents: 10_000 });
      invoiceId = sale.invoiceId;
      const label = 'Règlement partiel 50 €';
      await post(sale);
      await post({
        ...paymentDraft({ organisationId, invoiceId, date: '2025-02-10', cents: 5_000 }),
        lines: paymentDraft({
          organisationId,
          invoiceId,
          date: '2025-02-10',
          cents: 5_000,
        }).lines.map((line) => ({ ...line, label })),
      });
      await close('2025-01');
      await close('2025-02');

      const before = await exportFec({ year: 2025, from: '2025-01', to: '2025-02' });

      // Later: the rest paid in March (lettering the February invoice), a reversal, more sales.
      const rest = paymentDraft({ organisationId, invoiceId, date: '2025-03-05', cents: 7_000 });
      await post(rest);
      await post(reversalDraft(rest, '2025-03-06'));
      await post(paymentDraft({ organisationId, invoiceId, date: '2025-03-07', cents: 7_000 }));
      await post(saleDraft({ organisationId, date: '2025-02-27', exclVatCents: 900 })); // moved to March
      today('2025-04-02');
      await validate('2025-03');

      const after = await exportFec({ year: 2025, from: '2025-01', to: '2025-02' });
      expect(after.content.equals(before.content)).toBe(true);
      expect(after.fileName).toBe(before.fileName);
      expect(before.fileName).toBe('781112222FEC20251231_2025-01_2025-02.txt');
    });

    it('writes ISO 8859-15 by default (é is E9, € is A4), UTF-8 on request', async () => {
      const latin = await exportFec({ year: 2025 });
      expect(latin.contentType).toBe('text/plain; charset=iso-8859-15');
      expect(latin.fileName).toBe('781112222FEC20251231.txt');
      const name = Buffer.from([0x43, 0x6f, 0x6f, 0x70, 0xe9]); // "Coopé"
      expect(latin.content.includes(name)).toBe(true);
      expect(latin.content.includes(Buffer.from([0x35, 0x30, 0x20, 0xa4]))).toBe(true); // "50 €"
      const utf8 = await exportFec({ year: 2025 }, true);
      expect(utf8.content.toString('utf8')).toContain('Coopérative Éco €');
      expect(utf8.content.toString('utf8')).toContain('50 €');
    });

    it('lists validated entries only, by validation date then journal then number, with the lettering of the year’s end', async () => {
      const text = (await exportFec({ year: 2025 }, true)).content.toString('utf8');
      const rows = text
        .split('\r\n')
        .slice(0, -1)
        .map((row) => row.split('\t'));
      expect(rows[0]).toEqual([...FEC_COLUMNS]);
      expect(checkFecBalance(text)).toMatchObject({ columns: [18], unbalancedEntries: [] });
      const column = (name: (typeof FEC_COLUMNS)[number]) => FEC_COLUMNS.indexOf(name);
      const keys = rows
        .slice(1)
        .map(
          (row) =>
            `${row[column('ValidDate')]} ${row[column('JournalCode')]} ${row[column('EcritureNum')]}`,
        );
      expect(keys).toEqual([...keys].sort());
      // The January 2025 entry validated on 2025-01-10, the rest later.
      expect(rows[1][column('ValidDate')]).toBe('20250110');
      // The invoice of February is lettered as of the year's end: paid in March.
      const invoiceRows = rows
        .slice(1)
        .filter((row) => row[column('CompAuxNum')] !== '' && row[column('EcritureLet')] !== '');
      expect(new Set(invoiceRows.map((row) => row[column('EcritureLet')])).size).toBe(1);
      expect(new Set(invoiceRows.map((row) => row[column('DateLet')]))).toEqual(
        new Set(['20250307']),
      );
      // Lettered lines net to zero.
      const cents = (value: string) => Number(value.replace(',', ''));
      expect(
        invoiceRows.reduce(
          (sum, row) => sum + cents(row[column('Debit')]) - cents(row[column('Credit')]),
          0,
        ),
      ).toBe(0);
    });

    it('letters in a file only lines whose lettering is whole in it: not with last year’s invoice, nor with an entry not validated yet', async () => {
      // December's invoice, paid in January: its lettering takes in lines of both years.
      const december = saleDraft({ organisationId, date: '2025-12-15', exclVatCents: 4_000 });
      await post(december);
      today('2026-01-08');
      await validate('2025-12');
      await post(
        paymentDraft({
          organisationId,
          invoiceId: december.invoiceId,
          date: '2026-01-06',
          cents: 4_800,
        }),
      );
      // January's invoice paid in January, the payment undone in February and made again: the
      // new lettering takes in February's counter-entry, not validated yet.
      const january = saleDraft({ organisationId, date: '2026-01-12', exclVatCents: 2_500 });
      await post(january);
      const paid = paymentDraft({
        organisationId,
        invoiceId: january.invoiceId,
        date: '2026-01-14',
        cents: 3_000,
      });
      await post(paid);
      await post(reversalDraft(paid, '2026-02-03'));
      await post(
        paymentDraft({
          organisationId,
          invoiceId: january.invoiceId,
          date: '2026-01-14',
          cents: 3_000,
        }),
      );
      today('2026-02-04');
      await validate('2026-01');

      // An auditor's reading: every lettering code of a file nets to zero within it.
      for (const year of [2025, 2026]) {
        const { content } = await exportFec({ year });
        expect({ year, problems: auditFec(content).problems }).toEqual({ year, problems: [] });
      }
      const lettering = async () =>
        (await exportFec({ year: 2026 }, true)).content
          .toString('utf8')
          .split('\r\n')
          .slice(1, -1)
          .map((row) => row.split('\t')[FEC_COLUMNS.indexOf('EcritureLet')])
          .filter((code) => code !== '');
      expect(await lettering()).toEqual([]);
      // Once February is validated, January's lines letter with its counter-entry.
      today('2026-03-02');
      await validate('2026-02');
      expect(auditFec((await exportFec({ year: 2026 })).content).problems).toEqual([]);
      expect(await lettering()).toHaveLength(4);
    });

    it('refuses months outside the year, or in the wrong order', () => {
      return Promise.all([
        expect(exportFec({ year: 2025, from: '2024-12' })).rejects.toMatchObject({
          code: 'invalid_period',
        }),
        expect(exportFec({ year: 2025, from: '2025-05', to: '2025-04' })).rejects.toMatchObject({
          code: 'invalid_period',
        }),
      ]);
    });
  });
});
