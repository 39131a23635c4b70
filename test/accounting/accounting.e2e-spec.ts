import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JournalWriter } from '@mutualis/accounting';
import { Clock } from '@mutualis/core';
import { configureChambre, insertOrganisations, paymentDraft, saleDraft } from '@mutualis/testing';
import { grantPlatformRoles, registerAndLogIn, TestUser } from '../support/api-client';
import { expectProblem } from '../support/expectations';
import { IsolatedEnvironment, isolatedEnvironment } from '../support/isolated-environment';
import { createTestApp } from '../support/test-app';

// The Chambre's books through the api: periods validated and closed, journals and entries
// listed, the chart edited, the FEC-layout export. A database of its own: closing months
// would move other specs' entries.
describe('accounting', () => {
  let environment: IsolatedEnvironment;
  let app: NestExpressApplication;
  let db: DataSource;
  let finance: TestUser;
  let member: TestUser;
  let organisationId: string;

  const api = () => request(app.getHttpServer());
  const as = (user: TestUser) => ({
    get: (path: string) => api().get(path).auth(user.accessToken, { type: 'bearer' }),
    post: (path: string) => api().post(path).auth(user.accessToken, { type: 'bearer' }),
    put: (path: string) => api().put(path).auth(user.accessToken, { type: 'bearer' }),
  });
  const today = (date: string) =>
    jest.spyOn(app.get(Clock), 'now').mockReturnValue(new Date(`${date}T10:00:00Z`));

  beforeAll(async () => {
    environment = await isolatedEnvironment('accounting');
    app = await createTestApp(environment.env);
    db = app.get(DataSource);
    await configureChambre(db);
    finance = await registerAndLogIn(app, 'accounting-finance');
    await grantPlatformRoles(app, finance, ['finance']);
    member = await registerAndLogIn(app, 'accounting-member');
    [organisationId] = await insertOrganisations(db, member.id, 1);
    await db.query(
      `UPDATE organisations SET legal_name = 'Société coopérative Éole' WHERE id = $1`,
      [organisationId],
    );
    const writer = app.get(JournalWriter);
    for (const day of ['03', '10', '17']) {
      const sale = saleDraft({ organisationId, date: `2024-01-${day}`, exclVatCents: 10_000 });
      await writer.post(sale);
      await writer.post(
        paymentDraft({
          organisationId,
          invoiceId: sale.invoiceId,
          date: `2024-01-${day}`,
          cents: 12_000,
        }),
      );
    }
    await writer.post(saleDraft({ organisationId, date: '2024-02-05', exclVatCents: 5_000 }));
  }, 60_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await app?.close();
    await environment?.drop();
  });

  it('answers 401 without a token and 403 to anyone but finance and admin, on every route', async () => {
    const routes: [string, string][] = [
      ['get', '/api/finance/accounting/periods?year=2024'],
      ['post', '/api/finance/accounting/periods/2024-01/validate'],
      ['post', '/api/finance/accounting/periods/2024-01/close'],
      ['get', '/api/finance/accounting/journals?period=2024-01'],
      ['get', '/api/finance/accounting/entries?period=2024-01'],
      ['get', '/api/finance/accounting/chart'],
      ['put', '/api/finance/accounting/chart'],
      ['get', '/api/finance/exports/fec?year=2024'],
      ['get', '/api/finance/exports/fec/description?year=2024'],
      ['get', '/api/finance/journal?from=2024-01-01&to=2024-12-31'],
      ['post', '/api/finance/periods/2024-01/close'],
    ];
    for (const [method, path] of routes) {
      const anonymous = await (method === 'get'
        ? api().get(path)
        : method === 'post'
          ? api().post(path)
          : api().put(path));
      expect({ path, status: anonymous.status }).toEqual({ path, status: 401 });
      const client = as(member);
      const forbidden = await (method === 'get'
        ? client.get(path)
        : method === 'post'
          ? client.post(path)
          : client.put(path));
      expectProblem(forbidden, 403);
    }
    const [{ count }] = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM accounting_entries WHERE number IS NOT NULL`,
    );
    expect(count).toBe(0);
  });

  it('answers 4xx problems, never 500, for bad periods, years, filters and cursors', async () => {
    const finance400 = [
      '/api/finance/accounting/periods',
      '/api/finance/accounting/periods?year=20x4',
      '/api/finance/accounting/periods?year=1999',
      '/api/finance/accounting/journals',
      '/api/finance/accounting/journals?period=2024-01&year=2024',
      '/api/finance/accounting/journals?period=2024-13',
      '/api/finance/accounting/entries',
      '/api/finance/accounting/entries?period=2024-1',
      '/api/finance/accounting/entries?period=2024-01&journal=XX',
      '/api/finance/accounting/entries?period=2024-01&validated=maybe',
      '/api/finance/accounting/entries?period=2024-01&cursor=bm90LWEtY3Vyc29y',
      '/api/finance/accounting/entries?period=2024-01&limit=0',
      '/api/finance/exports/fec',
      '/api/finance/exports/fec?year=2024&from=2023-12',
      '/api/finance/exports/fec?year=2024&from=2024-05&to=2024-04',
      '/api/finance/exports/fec?year=2024&encoding=utf-16',
      '/api/finance/exports/fec/description?year=abc',
      '/api/finance/journal',
      '/api/finance/journal?from=2024-01-01',
      '/api/finance/journal?from=2024-02-01&to=2024-01-31',
      '/api/finance/journal?from=2024-02-30&to=2024-03-31',
      '/api/finance/journal?from=2024-01-01&to=2024-01-31&account=41%25',
      '/api/finance/journal?from=2024-01-01&to=2024-01-31&journal=XX',
    ];
    for (const path of finance400) expectProblem(await as(finance).get(path), 400);
    for (const period of ['2024-13', '2024-1', 'janvier', '1999-12', '2024-01-01']) {
      expectProblem(
        await as(finance).post(`/api/finance/accounting/periods/${period}/validate`),
        400,
      );
      expectProblem(await as(finance).post(`/api/finance/accounting/periods/${period}/close`), 400);
    }
    today('2024-03-15');
    expectProblem(
      await as(finance).post('/api/finance/accounting/periods/2024-04/validate'),
      422,
      'period_in_future',
    );
    expectProblem(
      await as(finance).post('/api/finance/accounting/periods/2024-03/close'),
      409,
      'period_not_over',
    );
  });

  it('validates a month: numbers continuous per journal, ValidDate today', async () => {
    today('2024-02-02');
    const response = await as(finance)
      .post('/api/finance/accounting/periods/2024-01/validate')
      .expect(200);
    expect(response.body).toEqual({
      period: '2024-01',
      validatedOn: '2024-02-02',
      entries: 6,
      runs: [
        {
          journal: 'BQ',
          fiscalYear: 2024,
          count: 3,
          firstNumber: 'BQ2024-000001',
          lastNumber: 'BQ2024-000003',
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
  });

  it('lists the journals and a month’s entries with their lines and lettering, a page at a time', async () => {
    const journals = await as(finance)
      .get('/api/finance/accounting/journals?period=2024-01')
      .expect(200);
    expect(journals.body).toEqual([
      {
        code: 'VT',
        label: 'Ventes',
        entries: 3,
        validatedEntries: 3,
        debitCents: 36_000,
        creditCents: 36_000,
      },
      {
        code: 'BQ',
        label: 'Banque',
        entries: 3,
        validatedEntries: 3,
        debitCents: 36_000,
        creditCents: 36_000,
      },
      {
        code: 'ST',
        label: 'Stripe',
        entries: 0,
        validatedEntries: 0,
        debitCents: 0,
        creditCents: 0,
      },
      {
        code: 'OD',
        label: 'Opérations diverses',
        entries: 0,
        validatedEntries: 0,
        debitCents: 0,
        creditCents: 0,
      },
    ]);
    const year = await as(finance).get('/api/finance/accounting/journals?year=2024').expect(200);
    expect(year.body[0]).toMatchObject({ code: 'VT', entries: 4, validatedEntries: 3 });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await as(finance)
        .get(
          `/api/finance/accounting/entries?period=2024-01&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        )
        .expect(200);
      seen.push(...(page.body.items as { number: string }[]).map((entry) => entry.number));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen.sort()).toEqual([
      'BQ2024-000001',
      'BQ2024-000002',
      'BQ2024-000003',
      'VT2024-000001',
      'VT2024-000002',
      'VT2024-000003',
    ]);

    const sales = await as(finance)
      .get('/api/finance/accounting/entries?period=2024-01&journal=VT&limit=1')
      .expect(200);
    expect(sales.body.items[0]).toMatchObject({
      journal: 'VT',
      journalLabel: 'Ventes',
      number: 'VT2024-000001',
      entryDate: '2024-01-03',
      validatedOn: '2024-02-02',
      totalCents: 12_000,
      currency: 'EUR',
      lines: [
        {
          position: 1,
          accountRole: 'customers',
          accountNumber: '411000',
          auxiliaryLabel: 'Société coopérative Éole',
          debitCents: 12_000,
          creditCents: 0,
          letteringCode: 'AA',
          letteringDate: '2024-01-03',
        },
        { position: 2, accountNumber: '706100', vatRateBasisPoints: null, creditCents: 10_000 },
        { position: 3, accountNumber: '445741', vatRateBasisPoints: 2000, creditCents: 2_000 },
      ],
    });
    const unvalidated = await as(finance)
      .get('/api/finance/accounting/entries?period=2024-02&validated=false')
      .expect(200);
    expect(unvalidated.body.items).toHaveLength(1);
  });

  it('answers the contract’s GET /finance/journal: entries between two dates, by journal or account', async () => {
    const numbers = async (query: string) =>
      (
        (await as(finance).get(`/api/finance/journal?${query}`).expect(200)).body.items as {
          number: string | null;
        }[]
      ).map((entry) => entry.number);
    expect(await numbers('from=2024-01-01&to=2024-01-31&account=512')).toEqual([
      'BQ2024-000001',
      'BQ2024-000002',
      'BQ2024-000003',
    ]);
    expect(await numbers('from=2024-01-01&to=2024-02-29&journal=VT&account=411')).toEqual([
      'VT2024-000001',
      'VT2024-000002',
      'VT2024-000003',
      null,
    ]);
    expect(await numbers('from=2024-01-04&to=2024-01-10&account=7061')).toEqual(['VT2024-000002']);
    expect(await numbers('from=2024-01-01&to=2024-12-31&account=627')).toEqual([]);
  });

  it('closes months in order, once each, and lists them', async () => {
    today('2024-03-15');
    const outOfOrder = await as(finance).post('/api/finance/accounting/periods/2024-02/close');
    expectProblem(outOfOrder, 409, 'period_closed_out_of_order');
    expect(outOfOrder.body.nextToClose).toBe('2024-01');

    const closed = await as(finance)
      .post('/api/finance/accounting/periods/2024-01/close')
      .expect(200);
    expect(closed.body).toMatchObject({
      period: '2024-01',
      status: 'closed',
      closedBy: finance.id,
      validation: { entries: 0 },
    });
    expectProblem(
      await as(finance).post('/api/finance/accounting/periods/2024-01/close'),
      409,
      'period_already_closed',
    );
    // The contract's route (API.md) closes the same way.
    const february = await as(finance).post('/api/finance/periods/2024-02/close').expect(200);
    expect(february.body.validation).toMatchObject({ entries: 1, validatedOn: '2024-03-15' });

    const periods = await as(finance).get('/api/finance/accounting/periods?year=2024').expect(200);
    expect(periods.body).toMatchObject({
      year: 2024,
      closedThrough: '2024-02',
      nextToClose: '2024-03',
    });
    expect(periods.body.periods).toHaveLength(12);
    expect(periods.body.periods.slice(0, 3)).toEqual([
      expect.objectContaining({
        period: '2024-01',
        status: 'closed',
        closedBy: finance.id,
        entries: 6,
        unvalidatedEntries: 0,
      }),
      expect.objectContaining({ period: '2024-02', status: 'closed', entries: 1 }),
      expect.objectContaining({ period: '2024-03', status: 'open', entries: 0, closedAt: null }),
    ]);
    const [audit] = await db.query<{ actor_user_id: string; after: unknown }[]>(
      `SELECT actor_user_id, after FROM audit_log WHERE action = 'accounting_period.closed' AND entity_id = '2024-01'`,
    );
    expect(audit).toEqual({
      actor_user_id: finance.id,
      after: { status: 'closed', validatedEntries: 0 },
    });
  });

  it('lets finance change the chart for entries posted after, audited with its before', async () => {
    const chart = await as(finance).get('/api/finance/accounting/chart').expect(200);
    expect(chart.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'customers', vatRateBasisPoints: null, number: '411000' }),
        expect.objectContaining({
          role: 'vat_collected',
          vatRateBasisPoints: 550,
          number: '445713',
        }),
        expect.objectContaining({ role: 'deferred_income', number: '487000' }),
        expect.objectContaining({
          role: 'revenue_membership',
          number: '756000',
          label: 'Cotisations',
        }),
      ]),
    );
    expect(chart.body).toHaveLength(17);

    const refused = [
      { accounts: [{ role: 'revenue_taxable', number: '411100', label: 'Ventes' }] },
      { accounts: [{ role: 'vat_pending', number: '445749', label: 'TVA' }] },
      { accounts: [{ role: 'bank', vatRateBasisPoints: 2000, number: '512100', label: 'Banque' }] },
      { accounts: [{ role: 'bank', number: '512 100', label: 'Banque' }] },
      { accounts: [{ role: 'bank', number: '512100', label: '' }] },
      { accounts: [{ role: 'cash', number: '530000', label: 'Caisse' }] },
      { accounts: [{ role: 'bank', number: '627000', label: 'Banque' }] },
      { accounts: [{ role: 'revenue_taxable', number: '706200', label: 'Taken by training' }] },
      {
        accounts: [
          { role: 'bank', number: '512100', label: 'Banque' },
          { role: 'bank', number: '512200', label: 'Banque' },
        ],
      },
      { accounts: [] },
      { accounts: [[[]]] },
      { accounts: [{ role: 'bank', number: 512000, label: 'Banque' }] },
      {},
    ];
    for (const body of refused) {
      const response = await as(finance).put('/api/finance/accounting/chart').send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expectProblem(response, 400);
    }

    const saved = await as(finance)
      .put('/api/finance/accounting/chart')
      .send({
        accounts: [
          { role: 'revenue_taxable', number: '706110', label: 'Prestations taxables 20 %' },
          {
            role: 'vat_pending',
            vatRateBasisPoints: 850,
            number: '445745',
            label: 'TVA en attente 8,5 %',
          },
        ],
      })
      .expect(200);
    expect(saved.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          role: 'revenue_taxable',
          number: '706110',
          label: 'Prestations taxables 20 %',
        }),
        expect.objectContaining({ role: 'vat_pending', vatRateBasisPoints: 850, number: '445745' }),
      ]),
    );
    const audit = await db.query<
      { action: string; entity_id: string; before: unknown; after: unknown }[]
    >(
      `SELECT action, entity_id, before, after FROM audit_log WHERE entity_type = 'accounting_account' ORDER BY occurred_at`,
    );
    expect(audit).toEqual([
      {
        action: 'accounting_account.changed',
        entity_id: 'revenue_taxable',
        before: { number: '706100', label: 'Prestations de services soumises à la TVA' },
        after: { number: '706110', label: 'Prestations taxables 20 %' },
      },
      {
        action: 'accounting_account.added',
        entity_id: 'vat_pending:850',
        before: null,
        after: { number: '445745', label: 'TVA en attente 8,5 %' },
      },
    ]);

    // Swapping two numbers in one change is allowed: the chart is checked as a whole.
    await as(finance)
      .put('/api/finance/accounting/chart')
      .send({
        accounts: [
          { role: 'revenue_exempt_training', number: '706300', label: 'Formation exonérée' },
          { role: 'revenue_other', number: '706200', label: 'Autres exonérées' },
        ],
      })
      .expect(200);

    const { entryId } = await app
      .get(JournalWriter)
      .post(saleDraft({ organisationId, date: '2024-03-04', exclVatCents: 1_000 }));
    const numbers = await db.query<{ account_number: string }[]>(
      `SELECT account_number FROM accounting_entry_lines WHERE entry_id = $1 ORDER BY position`,
      [entryId],
    );
    expect(numbers.map((row) => row.account_number)).toEqual(['411000', '706110', '445741']);
    const old = await as(finance)
      .get('/api/finance/accounting/entries?period=2024-01&journal=VT&limit=1')
      .expect(200);
    expect(old.body.items[0].lines[1].accountNumber).toBe('706100');
  });

  it('exports the validated entries in the FEC layout, ISO 8859-15 by default, with its description', async () => {
    const latin = await as(finance)
      .get('/api/finance/exports/fec?year=2024')
      .responseType('blob')
      .expect(200);
    expect(latin.headers['content-type']).toBe('text/plain; charset=iso-8859-15');
    expect(latin.headers['content-disposition']).toBe(
      'attachment; filename="781112222FEC20241231.txt"',
    );
    const body = latin.body as Buffer;
    expect(body.includes(Buffer.from('Soci\xe9t\xe9 coop\xe9rative \xc9ole', 'latin1'))).toBe(true);
    const rows = body.toString('latin1').split('\r\n').slice(1, -1);
    // January's six entries and February's sale; March's is not validated.
    expect(new Set(rows.map((row) => row.split('\t')[2]))).toEqual(
      new Set([
        'VT2024-000001',
        'VT2024-000002',
        'VT2024-000003',
        'VT2024-000004',
        'BQ2024-000001',
        'BQ2024-000002',
        'BQ2024-000003',
      ]),
    );

    const utf8 = await as(finance)
      .get('/api/finance/exports/fec?year=2024&encoding=utf-8')
      .responseType('blob')
      .expect(200);
    expect(utf8.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect((utf8.body as Buffer).toString('utf8')).toContain('Société coopérative Éole');

    const january = await as(finance)
      .get('/api/finance/exports/fec?year=2024&from=2024-01&to=2024-01')
      .responseType('blob')
      .expect(200);
    expect(january.headers['content-disposition']).toBe(
      'attachment; filename="781112222FEC20241231_2024-01_2024-01.txt"',
    );

    const description = await as(finance)
      .get('/api/finance/exports/fec/description?year=2024&encoding=utf-8')
      .responseType('blob')
      .expect(200);
    expect(description.headers['content-disposition']).toBe(
      'attachment; filename="781112222FEC20241231_descriptif.txt"',
    );
    const text = (description.body as Buffer).toString('utf8');
    expect(text).toContain('fichier d’import du logiciel comptable de la Chambre');
    expect(text).toContain('Ce n’est pas le fichier des');
    expect(text).toContain('Séparateur de zones : tabulation');
    expect(text).toContain('VT2024-000001');
    expect(text).toMatch(/^706100 Prestations de services soumises à la TVA$/m);
  });
});
