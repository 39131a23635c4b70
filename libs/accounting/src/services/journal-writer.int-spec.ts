import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  createTestContext,
  insertOrganisations,
  insertVerifiedUser,
  paymentDraft,
  reversalDraft,
  saleDraft,
} from '@mutualis/testing';
import {
  IsolatedEnvironment,
  isolatedEnvironment,
} from '../../../../test/support/isolated-environment';
import { AccountingModule } from '../accounting.module';
import type { EntryDraft } from '../journal/entry-draft';
import { JournalWriter } from './journal-writer';

interface LineRow {
  position: number;
  account_number: string;
  account_label: string;
  auxiliary_number: string | null;
  auxiliary_label: string | null;
  debit_cents: string;
  credit_cents: string;
}

// Its own database: the spec closes months, which would move every other spec's entries.
describe('JournalWriter', () => {
  let environment: IsolatedEnvironment;
  let context: INestApplicationContext;
  let db: DataSource;
  let writer: JournalWriter;
  let organisationId: string;

  beforeAll(async () => {
    environment = await isolatedEnvironment('journal_writer');
    context = await createTestContext([AccountingModule], environment.env);
    db = context.get(DataSource);
    writer = context.get(JournalWriter);
    [organisationId] = await insertOrganisations(db, await insertVerifiedUser(db), 1, null);
  });

  afterAll(async () => {
    await context?.close();
    await environment?.drop();
  });

  const linesOf = (entryId: string) =>
    db.query<LineRow[]>(
      `SELECT position, account_number, account_label, auxiliary_number, auxiliary_label, debit_cents, credit_cents
         FROM accounting_entry_lines WHERE entry_id = $1 ORDER BY position`,
      [entryId],
    );

  /** The live lettering code of each of a key's lines, by amount side. */
  const letteringOf = (letteringKey: string) =>
    db.query<{ code: string | null; lettered_on: string | null; ended: boolean }[]>(
      `SELECT lettering.code, to_char(lettering.lettered_on, 'YYYY-MM-DD') AS lettered_on,
              EXISTS (SELECT 1 FROM accounting_lettering_ends e WHERE e.lettering_id = lettering.id) AS ended
         FROM accounting_letterings lettering
        WHERE lettering.lettering_key = $1
        ORDER BY lettering.created_at`,
      [letteringKey],
    );

  it('writes the entry with the chart’s accounts and the organisation’s own account under 411', async () => {
    const sale = saleDraft({ organisationId, date: '2026-03-10', exclVatCents: 10_000 });
    const { entryId, created } = await writer.post(sale);
    expect(created).toBe(true);
    const [{ legal_name: name }] = await db.query<{ legal_name: string }[]>(
      `SELECT legal_name FROM organisations WHERE id = $1`,
      [organisationId],
    );
    expect(await linesOf(entryId)).toEqual([
      {
        position: 1,
        account_number: '411000',
        account_label: 'Clients',
        auxiliary_number: `C${organisationId.replace(/-/g, '').slice(0, 12).toUpperCase()}`,
        auxiliary_label: name,
        debit_cents: '12000',
        credit_cents: '0',
      },
      expect.objectContaining({ account_number: '706100', credit_cents: '10000' }),
      expect.objectContaining({ account_number: '445741', credit_cents: '2000' }),
    ]);
    const [entry] = await db.query<Record<string, unknown>[]>(
      `SELECT journal, to_char(entry_date, 'YYYY-MM-DD') AS entry_date, fiscal_year, piece_ref, number,
              validated_on, total_cents
         FROM accounting_entries WHERE id = $1`,
      [entryId],
    );
    expect(entry).toEqual({
      journal: 'VT',
      entry_date: '2026-03-10',
      fiscal_year: 2026,
      piece_ref: sale.pieceRef,
      number: null,
      validated_on: null,
      total_cents: '12000',
    });
  });

  it('writes one entry per source, however many times it is posted, even at once', async () => {
    const sale = saleDraft({ organisationId, date: '2026-03-11', exclVatCents: 5_000 });
    const results = await Promise.all([writer.post(sale), writer.post(sale), writer.post(sale)]);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.entryId)).size).toBe(1);
    expect(await writer.post(sale)).toEqual({ entryId: results[0].entryId, created: false });
    const [{ count }] = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM accounting_entries WHERE source_key = $1`,
      [sale.sourceKey],
    );
    expect(count).toBe(1);
  });

  it('writes a zero-amount invoice in the sales journal, its lines 0/0', async () => {
    const sale = saleDraft({ organisationId, date: '2026-03-12', exclVatCents: 0 });
    const { entryId } = await writer.post(sale);
    const lines = await linesOf(entryId);
    expect(lines).toHaveLength(3);
    expect(lines.every((line) => line.debit_cents === '0' && line.credit_cents === '0')).toBe(true);
  });

  it.each<[string, (draft: EntryDraft) => EntryDraft]>([
    [
      'unbalanced',
      (draft) => ({
        ...draft,
        lines: [{ ...draft.lines[0], debitCents: 12_001 }, ...draft.lines.slice(1)],
      }),
    ],
    [
      'a line with both sides',
      (draft) => ({
        ...draft,
        lines: [{ ...draft.lines[0], creditCents: 1 }, ...draft.lines.slice(1)],
      }),
    ],
    [
      'fractional cents',
      (draft) => ({
        ...draft,
        lines: [
          { ...draft.lines[0], debitCents: 12_000.5 },
          { ...draft.lines[1], creditCents: 10_000.5 },
          draft.lines[2],
        ],
      }),
    ],
    ['one line', (draft) => ({ ...draft, lines: draft.lines.slice(0, 1) })],
    ['a bad date', (draft) => ({ ...draft, date: '2026-02-30' })],
    [
      'a customers line without its organisation',
      (draft) => ({
        ...draft,
        lines: [{ ...draft.lines[0], organisationId: undefined }, ...draft.lines.slice(1)],
      }),
    ],
  ])('refuses a draft that is %s, writing nothing', async (_, spoil) => {
    const draft = spoil(saleDraft({ organisationId, date: '2026-03-13', exclVatCents: 10_000 }));
    await expect(writer.post(draft)).rejects.toMatchObject({ code: 'invalid_entry_draft' });
    const rows = await db.query(`SELECT 1 FROM accounting_entries WHERE source_key = $1`, [
      draft.sourceKey,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('refuses a VAT rate the chart has no account for', async () => {
    const draft = saleDraft({ organisationId, date: '2026-03-13', exclVatCents: 10_000 });
    draft.lines[2] = {
      ...draft.lines[2],
      account: { role: 'vat_pending', vatRateBasisPoints: 850 },
    };
    await expect(writer.post(draft)).rejects.toMatchObject({ code: 'unknown_account' });
  });

  it('writes inside the caller’s transaction: nothing stays when it rolls back', async () => {
    const sale = saleDraft({ organisationId, date: '2026-03-14', exclVatCents: 1_000 });
    await expect(
      db.transaction(async (manager) => {
        await writer.post(sale, manager);
        throw new Error('the event fails');
      }),
    ).rejects.toThrow('the event fails');
    expect(
      await db.query(`SELECT 1 FROM accounting_entries WHERE source_key = $1`, [sale.sourceKey]),
    ).toHaveLength(0);
    await db.transaction((manager) => writer.post(sale, manager));
    expect(
      await db.query(`SELECT 1 FROM accounting_entries WHERE source_key = $1`, [sale.sourceKey]),
    ).toHaveLength(1);
  });

  it('letters an invoice with the payments that settle it, and ends the lettering when a payment is reversed', async () => {
    const sale = saleDraft({ organisationId, date: '2026-04-02', exclVatCents: 10_000 });
    await writer.post(sale);
    const first = paymentDraft({
      organisationId,
      invoiceId: sale.invoiceId,
      date: '2026-04-05',
      cents: 7_000,
    });
    await writer.post(first);
    expect(await letteringOf(sale.invoiceId)).toEqual([]);

    const second = paymentDraft({
      organisationId,
      invoiceId: sale.invoiceId,
      date: '2026-04-20',
      cents: 5_000,
    });
    await writer.post(second);
    const [lettered] = await letteringOf(sale.invoiceId);
    expect(lettered).toEqual({
      code: expect.stringMatching(/^[A-Z]{2}$/),
      lettered_on: '2026-04-20',
      ended: false,
    });

    await writer.post(reversalDraft(second, '2026-04-22'));
    expect(await letteringOf(sale.invoiceId)).toEqual([{ ...lettered, ended: true }]);
    const [ending] = await db.query<{ ended_on: string }[]>(
      `SELECT to_char(ended_on, 'YYYY-MM-DD') AS ended_on FROM accounting_lettering_ends e
         JOIN accounting_letterings l ON l.id = e.lettering_id WHERE l.lettering_key = $1`,
      [sale.invoiceId],
    );
    expect(ending.ended_on).toBe('2026-04-22');

    // Paid again: a new lettering, with a new code, of all five lines.
    await writer.post(
      paymentDraft({ organisationId, invoiceId: sale.invoiceId, date: '2026-04-25', cents: 5_000 }),
    );
    const letterings = await letteringOf(sale.invoiceId);
    expect(letterings).toHaveLength(2);
    expect(letterings[1]).toEqual({
      code: expect.not.stringMatching(lettered.code!),
      lettered_on: '2026-04-25',
      ended: false,
    });
    const [{ members }] = await db.query<{ members: number }[]>(
      `SELECT count(*)::int AS members FROM accounting_lettering_lines m
         JOIN accounting_letterings l ON l.id = m.lettering_id
        WHERE l.lettering_key = $1 AND NOT EXISTS (SELECT 1 FROM accounting_lettering_ends e WHERE e.lettering_id = l.id)`,
      [sale.invoiceId],
    );
    expect(members).toBe(5);
  });

  it('letters once when the last two payments of an invoice are posted at the same time', async () => {
    const sale = saleDraft({ organisationId, date: '2026-04-03', exclVatCents: 10_000 });
    await writer.post(sale);
    await Promise.all([
      writer.post(
        paymentDraft({
          organisationId,
          invoiceId: sale.invoiceId,
          date: '2026-04-06',
          cents: 6_000,
        }),
      ),
      writer.post(
        paymentDraft({
          organisationId,
          invoiceId: sale.invoiceId,
          date: '2026-04-07',
          cents: 6_000,
        }),
      ),
    ]);
    expect(await letteringOf(sale.invoiceId)).toEqual([
      { code: expect.any(String), lettered_on: '2026-04-07', ended: false },
    ]);
  });

  it('gives each lettering of an account its own code', async () => {
    const [other] = await insertOrganisations(db, await insertVerifiedUser(db), 1, null);
    const codes: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const sale = saleDraft({ organisationId: other, date: '2026-04-08', exclVatCents: 1_000 });
      await writer.post(sale);
      await writer.post(
        paymentDraft({
          organisationId: other,
          invoiceId: sale.invoiceId,
          date: '2026-04-09',
          cents: 1_200,
        }),
      );
      const [lettering] = await letteringOf(sale.invoiceId);
      codes.push(lettering.code!);
    }
    expect(codes).toEqual(['AA', 'AB', 'AC']);
  });

  describe('once a month is closed', () => {
    let userId: string;

    beforeAll(async () => {
      userId = await insertVerifiedUser(db, 'finance');
      await db.query(
        `INSERT INTO accounting_closed_periods (chambre_id, period, closed_by)
         SELECT id, '2026-01-01', $1 FROM chambres WHERE slug = 'default'`,
        [userId],
      );
    });

    it('writes an entry dated in it on the first day of the next open month, keeping its piece date', async () => {
      const sale = saleDraft({ organisationId, date: '2026-01-20', exclVatCents: 1_000 });
      const { entryId } = await writer.post(sale);
      const [entry] = await db.query<
        { entry_date: string; event_date: string; piece_date: string }[]
      >(
        `SELECT to_char(entry_date, 'YYYY-MM-DD') AS entry_date, to_char(event_date, 'YYYY-MM-DD') AS event_date,
                to_char(piece_date, 'YYYY-MM-DD') AS piece_date
           FROM accounting_entries WHERE id = $1`,
        [entryId],
      );
      expect(entry).toEqual({
        entry_date: '2026-02-01',
        event_date: '2026-01-20',
        piece_date: '2026-01-20',
      });
    });

    it('is refused by the database when an entry dated in it is inserted directly', async () => {
      await expect(
        db.query(
          `INSERT INTO accounting_entries (chambre_id, journal, source_key, entry_date, event_date, fiscal_year,
                                           piece_ref, piece_date, line_count, total_cents)
           SELECT id, 'OD', $1, '2026-01-31', '2026-01-31', 2026, 'X', '2026-01-31', 2, 0 FROM chambres`,
          [`direct:${randomUUID()}`],
        ),
      ).rejects.toThrow(/period is closed/);
    });
  });

  describe('the database', () => {
    let entryId: string;
    let owner: Client;

    /**
     * Two walls: the application's role lacks the privilege, and the triggers refuse even the
     * owner (who could grant it back), so both connections must be turned away.
     */
    async function expectRefused(sql: string, parameters: unknown[] = []): Promise<void> {
      await expect(db.query(sql, parameters)).rejects.toThrow(/permission denied|refused/);
      await expect(owner.query(sql, parameters)).rejects.toThrow(/refused/);
    }

    afterAll(async () => {
      await owner.end();
    });

    beforeAll(async () => {
      owner = new Client({ connectionString: process.env.DATABASE_URL });
      await owner.connect();
      ({ entryId } = await writer.post(
        saleDraft({ organisationId, date: '2026-05-04', exclVatCents: 3_000 }),
      ));
    });

    it.each([
      ['UPDATE accounting_entries SET piece_ref = $1 WHERE id = $2', ['changed']],
      ['UPDATE accounting_entries SET entry_date = entry_date + 1 WHERE id = $1', []],
      ['DELETE FROM accounting_entries WHERE id = $1', []],
      ['UPDATE accounting_entry_lines SET debit_cents = debit_cents + 1 WHERE entry_id = $1', []],
      ['DELETE FROM accounting_entry_lines WHERE entry_id = $1', []],
    ])('refuses %s', async (sql, before) => {
      await expectRefused(sql, [...before, entryId]);
    });

    it.each([
      'accounting_entries',
      'accounting_entry_lines',
      'accounting_counters',
      'accounting_closed_periods',
      'accounting_letterings',
      'accounting_lettering_lines',
      'accounting_lettering_ends',
      'accounting_accounts',
    ])('refuses TRUNCATE %s', async (table) => {
      await expectRefused(`TRUNCATE ${table} CASCADE`);
    });

    it('refuses UPDATE and DELETE of letterings, their lines, their ends and closed months', async () => {
      for (const table of [
        'accounting_letterings',
        'accounting_lettering_lines',
        'accounting_lettering_ends',
        'accounting_closed_periods',
      ]) {
        await expectRefused(`DELETE FROM ${table}`);
      }
      await expectRefused(`UPDATE accounting_letterings SET code = 'ZZ'`);
      await expectRefused(`UPDATE accounting_closed_periods SET closed_at = now()`);
    });

    it('accepts a validation once, and nothing after it', async () => {
      const validate = (number: string) =>
        db.query(
          `UPDATE accounting_entries SET sequence = 1, number = $2, validated_on = '2026-06-01', validated_at = now()
            WHERE id = $1`,
          [entryId, number],
        );
      await validate('VT2026-000001');
      await expect(validate('VT2026-000002')).rejects.toThrow(/refused/);
    });

    it('refuses at commit an entry whose lines do not balance, or a line added to an entry', async () => {
      const insertEntry = `INSERT INTO accounting_entries (chambre_id, journal, source_key, entry_date, event_date, fiscal_year,
                                             piece_ref, piece_date, line_count, total_cents)
                           SELECT id, 'OD', $1, '2026-05-05', '2026-05-05', 2026, 'X', '2026-05-05', 2, 100 FROM chambres
                           RETURNING id`;
      const insertLine = `INSERT INTO accounting_entry_lines (entry_id, position, account_role, account_number, account_label,
                                                label, debit_cents, credit_cents)
                          VALUES ($1, $2, 'bank', '512000', 'Banque', 'x', $3, $4)`;
      await expect(
        db.transaction(async (manager) => {
          const [{ id }] = await manager.query<{ id: string }[]>(insertEntry, [
            `direct:${randomUUID()}`,
          ]);
          await manager.query(insertLine, [id, 1, 100, 0]);
          await manager.query(insertLine, [id, 2, 0, 99]);
        }),
      ).rejects.toThrow(/accounting entry .* refused/);
      await expect(
        db.transaction(async (manager) => {
          await manager.query(insertLine, [entryId, 9, 0, 0]);
        }),
      ).rejects.toThrow(/accounting entry .* refused/);
    });
  });
});
