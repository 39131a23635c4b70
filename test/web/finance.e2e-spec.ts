import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { camt053 } from '../reconciliation/statements';
import { startWebHarness, WebHarness } from './support/web-harness';

// A browser flow crosses many pages, each waiting on the api and sometimes the worker.
jest.setTimeout(120_000);

const FINANCE = 'finance@demo.mutualis.fr';
/** The transfer is this much short of the balance: matching may only suggest, never allocate. */
const SHORT_CENTS = 500;

interface Invoice {
  id: string;
  number: string;
  status: string;
  organisationId: string;
  amountDueCents: number;
  buyer: { name: string };
}
interface CreditNote {
  type: string;
  correctsInvoiceId: string | null;
  totalInclVatCents: number;
  reason: string | null;
}
interface BankLine {
  id: string;
  status: string;
  amountCents: number;
  allocatedCents: number;
  suggestions: { invoiceId: string | null; score: number }[];
  allocations: { invoiceId: string | null; amountCents: number }[];
}

// Finance imports a bank statement in the browser, follows the import, confirms a suggested
// match in one click, and downloads the FEC.
describe('web app: finance', () => {
  let web: WebHarness;
  let token: string;

  async function get<T>(path: string): Promise<T> {
    const response = await fetch(`${web.baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return (await response.json()) as T;
  }

  /** What `read` finds, once the worker has done its part. */
  async function waitFor<T>(read: () => Promise<T | undefined>, what = 'the worker'): Promise<T> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = await read();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** An open invoice of the demo data (the worker issues them shortly after the seed). */
  function openInvoice(): Promise<Invoice> {
    return waitFor(async () => {
      const page = await get<{ items: Invoice[] }>('/api/invoices?status=issued&limit=100');
      return page.items.find((item) => item.amountDueCents > 2 * SHORT_CENTS);
    }, 'an issued invoice in the demo data');
  }

  beforeAll(async () => {
    web = await startWebHarness('web_finance');
    token = await web.accessToken(FINANCE);
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
  });

  it('imports a CAMT.053 statement, shows the suggested invoice with its score and reasons, allocates it in one click and undoes it', async () => {
    const invoice = await openInvoice();
    const transferCents = invoice.amountDueCents - SHORT_CENTS;
    // The payer's name and no reference: a candidate to confirm, not a certainty.
    const statement = camt053('WEB-FINANCE-1', [
      {
        direction: 'credit',
        bookingDate: DateTime.now().setZone('Europe/Paris').toISODate()!,
        accountServicerReference: 'WEBFIN-0001',
        transfers: [
          { amountCents: transferCents, party: invoice.buyer.name, text: 'Paiement formation' },
        ],
      },
    ]);

    const page = await web.newPage();
    await web.signIn(page, FINANCE);
    await page.goto('/finance');
    await page.getByRole('link', { name: 'Rapprochement bancaire' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rapprochement bancaire' }).waitFor();

    await page.getByLabel('Relevé bancaire').setInputFiles({
      name: 'releve-camt053.xml',
      mimeType: 'application/xml',
      buffer: statement,
    });
    await page.getByRole('button', { name: 'Importer le relevé' }).click();
    const progress = page.getByRole('status').filter({ hasText: 'releve-camt053.xml' });
    await progress.getByText('import terminé').waitFor({ timeout: 30_000 });
    expect(await progress.innerText()).toContain('Opérations lues : 1 ; ajoutées : 1');
    expect(await progress.innerText()).toContain('avec suggestions : 1');

    // The line as the api sees it, before the click: suggested, with our invoice among its candidates.
    const suggested = await get<{ items: BankLine[] }>(
      '/api/finance/bank-transactions?status=suggested',
    );
    const line = suggested.items.find((item) => item.amountCents === transferCents);
    expect(line?.suggestions.map((suggestion) => suggestion.invoiceId)).toContain(invoice.id);
    expect(line?.allocations).toEqual([]);

    await page.getByRole('button', { name: 'Suggestions', pressed: true }).waitFor();
    const allocate = page.getByRole('button', { name: `Rapprocher avec ${invoice.number}` });
    const candidate = page
      .getByRole('region', { name: 'Factures candidates' })
      .getByRole('listitem')
      .filter({ has: allocate });
    const score = line!.suggestions.find(
      (suggestion) => suggestion.invoiceId === invoice.id,
    )!.score;
    expect(await candidate.getByText(`Score ${Math.round(score * 100)} %`).count()).toBe(1);
    const reasons = await candidate
      .getByRole('list', { name: `Raisons pour ${invoice.number}` })
      .innerText();
    // "close" or "partial" by the invoice's size: either way the 5 € missing are named.
    expect(reasons).toMatch(
      /Montant proche du solde dû \(5,00\s€ de moins\)|Paiement partiel\s: 5,00\s€/,
    );
    expect(reasons).toContain('Nom du payeur');

    await web.screenshot(page, 'finance-reconciliation-suggestion');
    await allocate.click();
    await page.getByText(`Opération rapprochée avec ${invoice.number}.`).waitFor();

    const allocated = await get<BankLine>(`/api/finance/bank-transactions/${line!.id}`);
    expect(allocated).toMatchObject({ status: 'matched', allocatedCents: transferCents });
    expect(allocated.allocations).toEqual([
      expect.objectContaining({ invoiceId: invoice.id, amountCents: transferCents }),
    ]);
    const after = await get<Invoice>(`/api/invoices/${invoice.id}`);
    expect(after.amountDueCents).toBe(SHORT_CENTS);

    // Under "matched", the line shows the invoice and what it still owes.
    await page.getByRole('button', { name: 'Rapprochées' }).click();
    const undo = page.getByRole('button', {
      name: `Annuler le rapprochement avec ${invoice.number}`,
    });
    const allocation = page
      .getByRole('region', { name: 'Rapprochements' })
      .getByRole('listitem')
      .filter({ has: undo });
    await allocation.getByText('reste dû sur la facture').waitFor();
    expect(await allocation.innerText()).toMatch(/reste dû sur la facture\s5,00\s€/);
    await web.screenshot(page, 'finance-reconciliation');

    // The line's audit trail names the allocation; one click undoes it.
    await page.getByRole('button', { name: "Voir l'historique" }).click();
    const history = page.getByRole('list', { name: "Historique de l'opération" });
    await history.getByRole('listitem').filter({ hasText: 'Rapprochement' }).waitFor();
    await undo.click();
    await page.getByText(`Rapprochement avec ${invoice.number} annulé`).waitFor();
    const undone = await get<BankLine>(`/api/finance/bank-transactions/${line!.id}`);
    expect(undone).toMatchObject({ allocatedCents: 0, allocations: [] });
    expect(undone.status).not.toBe('matched');
    expect((await get<Invoice>(`/api/invoices/${invoice.id}`)).amountDueCents).toBe(
      invoice.amountDueCents,
    );
  });

  it('shows why a statement was rejected and where in the file', async () => {
    const statement = camt053('WEB-FINANCE-BAD', [
      {
        direction: 'credit',
        bookingDate: '2026-11-20',
        accountServicerReference: 'WEBFIN-BAD',
        transfers: [{ amountCents: 12_000, party: 'Association Test' }],
      },
    ])
      .toString('utf8')
      .replace('<Amt Ccy="EUR">120.00</Amt>', '<Amt Ccy="EUR">cent vingt</Amt>');

    const page = await web.newPage();
    await web.signIn(page, FINANCE);
    await page.goto('/finance/reconciliation');
    await page.getByLabel('Relevé bancaire').setInputFiles({
      name: 'releve-abime.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(statement, 'utf8'),
    });
    await page.getByRole('button', { name: 'Importer le relevé' }).click();
    const alert = page.getByRole('alert').filter({ hasText: "Le fichier n'a pas été importé" });
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toContain('Emplacement dans le fichier :');
    expect(
      await page.getByRole('status').filter({ hasText: 'releve-abime.xml' }).innerText(),
    ).toContain('import refusé');
  });

  it('downloads the FEC of the fiscal year from the exports page', async () => {
    const page = await web.newPage();
    await web.signIn(page, FINANCE);
    await page.goto('/finance');
    await page.getByText('Total restant dû par les membres').waitFor();
    await web.screenshot(page, 'finance-home');
    await page.getByRole('link', { name: 'Exports comptables' }).click();
    await page.getByRole('heading', { level: 1, name: 'Exports comptables' }).waitFor();
    const year = String(DateTime.now().setZone('Europe/Paris').year);
    expect(await page.getByLabel('Exercice').inputValue()).toBe(year);

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger les écritures (FEC)' }).click(),
    ]);
    const content = await readFile(await file.path(), 'utf8');
    expect(content.startsWith('JournalCode')).toBe(true);
    await page.getByText('Téléchargement lancé.').waitFor();
    await web.screenshot(page, 'finance-exports');
  });

  it('issues a credit note from the invoice list on a phone, with the missing fields named first', async () => {
    const invoice = await openInvoice();
    const page = await web.newPage();
    await web.signIn(page, FINANCE);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/finance/invoices');
    await page.getByRole('heading', { level: 1, name: 'Factures' }).waitFor();
    await page.getByLabel('Statut').selectOption({ label: 'Émise' });
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    await page.waitForURL(/status=issued/);
    await page.getByRole('link', { name: invoice.number }).waitFor();
    await web.screenshot(page, 'finance-invoices');
    await page.getByRole('link', { name: invoice.number }).click();
    await page.getByRole('heading', { level: 1, name: `Facture ${invoice.number}` }).waitFor();

    await page.getByRole('button', { name: "Émettre l'avoir" }).click();
    await page.getByText("Saisissez le montant de l'avoir.").waitFor();
    await page.getByText("Indiquez le motif de l'avoir.").waitFor();
    expect(await page.getByLabel("Montant TTC de l'avoir (€)").getAttribute('aria-invalid')).toBe(
      'true',
    );

    await page.getByLabel("Montant TTC de l'avoir (€)").fill('10,00');
    await page.getByLabel('Motif').fill('Geste commercial : support remis en retard');
    await page.getByRole('button', { name: "Émettre l'avoir" }).click();
    await page.getByText('Avoir demandé').waitFor();

    // The worker numbers and issues the credit note; the organisation's list then shows it.
    const creditNote = await waitFor(async () => {
      const list = await get<{ items: CreditNote[] }>(
        `/api/invoices?organisationId=${invoice.organisationId}&limit=100`,
      );
      return list.items.find((note) => note.correctsInvoiceId === invoice.id);
    });
    expect(creditNote).toMatchObject({
      type: 'credit_note',
      totalInclVatCents: 1000,
      reason: 'Geste commercial : support remis en retard',
    });
    await web.screenshot(page, 'finance-credit-note');

    // The organisation's statement of account, from the aged receivables.
    await page.goto('/finance/receivables');
    await page.getByRole('table').waitFor();
    await web.screenshot(page, 'finance-receivables');
    await page.getByRole('link', { name: invoice.buyer.name }).click();
    await page
      .getByRole('heading', { level: 1, name: `Relevé de compte : ${invoice.buyer.name}` })
      .waitFor();
    expect(await page.getByRole('rowheader', { name: invoice.number }).count()).toBe(1);
    await web.screenshot(page, 'finance-statement-of-account');
  });
});
