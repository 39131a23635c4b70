import { readFile } from 'node:fs/promises';
import { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Download, Page } from 'playwright-core';
import { AccountingModule, JournalWriter } from '@mutualis/accounting';
import { createTestContext, paymentDraft, saleDraft } from '@mutualis/testing';
import { startWebHarness, WebHarness } from './support/web-harness';
import { axeViolations } from './support/axe';

// A browser flow over several pages, each waiting on the api.
jest.setTimeout(180_000);

const FINANCE = 'finance@demo.mutualis.fr';

interface Periods {
  closedThrough: string | null;
  nextToClose: string | null;
  periods: { period: string; status: string; entries: number; unvalidatedEntries: number }[];
}
interface EntryPage {
  items: {
    number: string | null;
    pieceRef: string;
    validatedOn: string | null;
    lines: { accountNumber: string; auxiliaryLabel: string | null; letteringCode: string | null }[];
  }[];
}

/** `mars 2026`, as the pages write a month. */
function monthLabel(period: string): string {
  return DateTime.fromISO(`${period}-15`, { locale: 'fr-FR' }).toFormat('LLLL yyyy');
}

/** `Mars 2026`, opening a sentence. */
function monthTitle(period: string): string {
  const label = monthLabel(period);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

async function saved(download: Download): Promise<Buffer> {
  return readFile(await download.path());
}

// Finance validates and closes months of the Chambre's books in the browser, reads a journal's
// entries with their lines and lettering, edits the chart, and downloads the FEC-layout file
// (the import file for the Chambre's accounting software) with its description.
describe('web app: accounting', () => {
  let web: WebHarness;
  let context: INestApplicationContext;
  let token: string;
  let page: Page;
  const violations: string[] = [];
  const today = DateTime.now().setZone('Europe/Paris');
  // Two months of the past: entries in each, the earlier one to validate and close.
  const early = today.minus({ months: 2 }).toFormat('yyyy-MM');
  const late = today.minus({ months: 1 }).toFormat('yyyy-MM');
  let organisationName: string;
  let saleRef: string;
  let lateRef: string;

  async function get<T>(path: string): Promise<T> {
    const response = await fetch(`${web.baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return (await response.json()) as T;
  }

  async function checkAccessibility(name: string) {
    violations.push(...(await axeViolations(page)).map((violation) => `${name}: ${violation}`));
  }

  /** The periods page of a fiscal year, through the year form. */
  async function showYear(year: string) {
    await page.getByLabel('Exercice', { exact: true }).selectOption(year);
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.getByRole('table', { name: `Mois de l'exercice ${year}` }).waitFor();
  }

  const row = (period: string) =>
    page.getByRole('row').filter({
      has: page.getByRole('rowheader', { name: new RegExp(`^${monthLabel(period)}$`, 'i') }),
    });

  beforeAll(async () => {
    web = await startWebHarness('web_accounting');
    token = await web.accessToken(FINANCE);
    // The posting rules write the journal as invoices and payments happen; here a sale and its
    // payment (lettered together) two months ago, and a sale last month, posted as they would.
    context = await createTestContext([AccountingModule], web.env);
    const writer = context.get(JournalWriter);
    const organisations = await get<{ items: { id: string; legalName: string }[] }>(
      '/api/organisations?limit=1',
    );
    const organisation = organisations.items[0];
    organisationName = organisation.legalName;
    const sale = saleDraft({
      organisationId: organisation.id,
      date: `${early}-05`,
      exclVatCents: 25_000,
      number: `F-${early.slice(0, 4)}-E2E001`,
    });
    saleRef = sale.pieceRef;
    await writer.post(sale);
    await writer.post(
      paymentDraft({
        organisationId: organisation.id,
        invoiceId: sale.invoiceId,
        date: `${early}-12`,
        cents: 30_000,
      }),
    );
    const lateSale = saleDraft({
      organisationId: organisation.id,
      date: `${late}-03`,
      exclVatCents: 8_000,
      number: `F-${late.slice(0, 4)}-E2E002`,
    });
    lateRef = lateSale.pieceRef;
    await writer.post(lateSale);

    page = await web.newPage();
    await web.signIn(page, FINANCE);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await web?.stop();
  });

  it('shows the months of the fiscal year from the finance home', async () => {
    await page.goto('/finance');
    // Exact: the demo's finance user is « Karim Belkacem (comptabilité) », a link too.
    await page.getByRole('link', { name: 'Comptabilité', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Périodes comptables' }).waitFor();
    await showYear(early.slice(0, 4));
    expect(await row(early).innerText()).toMatch(/À valider/);
    await row(early)
      .getByRole('button', { name: `Valider ${monthLabel(early)}` })
      .waitFor();
    await checkAccessibility('periods');
    await web.screenshot(page, 'accounting-periods');
  });

  it('validates a month after saying what validation does: numbers given, shown in words', async () => {
    await row(early)
      .getByRole('button', { name: `Valider ${monthLabel(early)}` })
      .click();
    const confirmation = page.getByRole('region', {
      name: `Valider les écritures jusqu'à fin ${monthLabel(early)} ?`,
    });
    expect(await confirmation.innerText()).toContain('reçoivent leur numéro définitif');
    await confirmation
      .getByRole('button', { name: `Valider jusqu'à fin ${monthLabel(early)}` })
      .click();
    await page.getByText(/^Validation faite : \d+ écritures? numérotées? jusqu'au/).waitFor();
    // The month's row follows once the periods reload.
    await row(early).getByText('Validé', { exact: true }).waitFor();

    const validated = await get<EntryPage>(`/api/finance/accounting/entries?period=${early}`);
    expect(validated.items.length).toBeGreaterThanOrEqual(2);
    expect(validated.items.every((entry) => entry.number !== null)).toBe(true);
  });

  it('closes the next month to close after saying what closing means, and words a refusal', async () => {
    const before = await get<Periods>(`/api/finance/accounting/periods?year=${early.slice(0, 4)}`);
    // The earliest month with entries (ours, or one of the demo's if it has older ones).
    const first = before.nextToClose!;
    expect(first <= early).toBe(true);
    await showYear(first.slice(0, 4));
    await row(first)
      .getByRole('button', { name: `Clôturer ${monthLabel(first)}` })
      .click();
    const confirmation = page.getByRole('region', { name: `Clôturer ${monthLabel(first)} ?` });
    const said = await confirmation.innerText();
    expect(said).toContain(`les écritures de ${monthLabel(first)} ne pourront plus changer`);
    expect(said).toContain('dans la période ouverte suivante');
    await checkAccessibility('periods-confirm-close');
    await web.screenshot(page, 'accounting-close-confirmation');
    await confirmation.getByRole('button', { name: `Clôturer ${monthLabel(first)}` }).click();
    await page.getByText(`${monthTitle(first)} est clôturé`).waitFor();
    await row(first).getByText('Clôturé', { exact: true }).waitFor();
    const after = await get<Periods>(`/api/finance/accounting/periods?year=${first.slice(0, 4)}`);
    expect(after.closedThrough).toBe(first);

    // Someone else closes the next month while this page still offers it: the api's 409 is
    // shown in words, not as an error code.
    const next = after.nextToClose!;
    expect(next <= late).toBe(true);
    await showYear(next.slice(0, 4));
    await row(next)
      .getByRole('button', { name: `Clôturer ${monthLabel(next)}` })
      .click();
    const closedElsewhere = await fetch(
      `${web.baseUrl}/api/finance/accounting/periods/${next}/close`,
      { method: 'POST', headers: { Authorization: `Bearer ${token}` } },
    );
    expect(closedElsewhere.status).toBe(200);
    await page
      .getByRole('region', { name: `Clôturer ${monthLabel(next)} ?` })
      .getByRole('button', { name: `Clôturer ${monthLabel(next)}` })
      .click();
    const alert = page.getByRole('alert');
    await alert.getByText(`${monthTitle(next)} est déjà clôturé.`).waitFor();
    // Retrying would not do: only « Annuler » is left, and the page shows the month closed.
    await row(next).getByText('Clôturé', { exact: true }).waitFor();
    await web.screenshot(page, 'accounting-close-refused');
    await page.getByRole('button', { name: 'Annuler' }).click();
  });

  it("shows a journal's month and its entries: accounts, auxiliary account, debit, credit, lettering", async () => {
    await page
      .getByRole('navigation', { name: 'Comptabilité' })
      .getByRole('link', { name: 'Journaux' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Journaux' }).waitFor();
    await page.getByLabel('Exercice', { exact: true }).selectOption(early.slice(0, 4));
    await page.getByLabel('Mois', { exact: true }).selectOption(early.slice(5));
    await page.getByRole('button', { name: 'Afficher' }).click();
    const journals = page.getByRole('table', { name: `Journaux de ${monthLabel(early)}` });
    await journals.waitFor();
    const sales = journals.getByRole('row').filter({ hasText: 'VT · Ventes' });
    const [vt] = await get<{ code: string; entries: number; validatedEntries: number }[]>(
      `/api/finance/accounting/journals?period=${early}`,
    );
    expect(vt.code).toBe('VT');
    expect(vt.entries).toBeGreaterThanOrEqual(1);
    const cells = (await sales.getByRole('cell').allInnerTexts()).slice(0, 2);
    expect(cells).toEqual([String(vt.entries), String(vt.validatedEntries)]);
    await checkAccessibility('journals');
    await web.screenshot(page, 'accounting-journals');

    await sales.getByRole('link').click();
    await page
      .getByRole('heading', {
        level: 1,
        name: `Journal Ventes : écritures de ${monthLabel(early)}`,
      })
      .waitFor();
    const expected = (
      await get<EntryPage>(`/api/finance/accounting/entries?period=${early}&journal=VT&limit=100`)
    ).items.find((entry) => entry.pieceRef === saleRef)!;
    expect(expected.number).toMatch(/^VT\d{4}-\d{6}$/);
    const customers = expected.lines.find((line) => line.accountNumber.startsWith('411'))!;
    expect(customers.letteringCode).toMatch(/^[A-Z]+$/);

    const entry = page.getByRole('article', { name: `${expected.number} · ${saleRef}` });
    await entry.waitFor();
    const lines = entry.getByRole('table', { name: `Lignes de l'écriture ${expected.number}` });
    const customerLine = lines.getByRole('row').filter({ hasText: customers.accountNumber });
    const text = (await customerLine.innerText()).replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain(organisationName);
    expect(text).toContain('300,00 €');
    expect(text).toContain(customers.letteringCode);
    expect(await lines.innerText()).toMatch(/706100[\s\S]*250,00/);
    await checkAccessibility('entries');
    await web.screenshot(page, 'accounting-entries');
  });

  it('shows the chart and saves a change for entries to come, with the api’s refusal by the field', async () => {
    await page
      .getByRole('navigation', { name: 'Comptabilité' })
      .getByRole('link', { name: 'Plan comptable' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Plan comptable' }).waitFor();
    await page.getByText("Une modification s'applique").first().waitFor();
    await page.getByRole('table', { name: 'Comptes du plan comptable de la Chambre' }).waitFor();
    await checkAccessibility('chart');
    await web.screenshot(page, 'accounting-chart');

    await page.getByRole('button', { name: 'Modifier le plan comptable' }).click();
    const number = page.getByLabel('Numéro de compte : Frais Stripe');
    await number.fill('601000');
    await page.getByRole('button', { name: 'Enregistrer le plan comptable' }).click();
    await page.getByText('Ce compte doit commencer par 62.').waitFor();
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    await checkAccessibility('chart-refused');
    await web.screenshot(page, 'accounting-chart-refused');

    await number.fill('627100');
    await page.getByLabel('Libellé du compte : Frais Stripe').fill('Commissions Stripe');
    await page.getByRole('button', { name: 'Enregistrer le plan comptable' }).click();
    await page.getByText("1 compte modifié : les prochaines écritures l'utiliseront.").waitFor();
    const chart = await get<{ role: string; number: string; label: string }[]>(
      '/api/finance/accounting/chart',
    );
    expect(chart.find((account) => account.role === 'fees')).toMatchObject({
      number: '627100',
      label: 'Commissions Stripe',
    });
  });

  it('downloads the FEC-layout file, said to be the import file for the accounting software, and its description', async () => {
    await page
      .getByRole('navigation', { name: 'Comptabilité' })
      .getByRole('link', { name: 'Exports' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Exports comptables' }).waitFor();
    const section = page.getByRole('region', { name: 'Écritures au format FEC' });
    const said = await section.innerText();
    expect(said).toContain("fichier d'import du logiciel comptable de la Chambre");
    expect(said).toContain("Ce n'est pas le fichier des écritures comptables (FEC) complet");
    expect(said).toContain('Seules les écritures validées sont exportées');
    await section.getByLabel('Exercice').selectOption(early.slice(0, 4));
    expect(await section.getByLabel(/ISO 8859-15/).isChecked()).toBe(true);
    await checkAccessibility('exports');

    const [fec] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: 'Télécharger les écritures (FEC)' }).click(),
    ]);
    expect(fec.suggestedFilename()).toMatch(/^\d{9}FEC\d{4}1231\.txt$/);
    const latin9Bytes = await saved(fec);
    const latin9 = latin9Bytes.toString('latin1');
    expect(latin9.startsWith('JournalCode\tJournalLib\tEcritureNum')).toBe(true);
    expect(latin9).toContain(saleRef);
    // Only validated entries: last month's sale awaits validation unless its month was closed
    // above (closing validates), and then it is in the file.
    const lateClosed =
      (await get<Periods>(`/api/finance/accounting/periods?year=${late.slice(0, 4)}`)).periods.find(
        (period) => period.period === late,
      )!.status === 'closed';
    expect(latin9.includes(lateRef)).toBe(lateClosed);
    await section.getByRole('status').getByText('Téléchargement lancé.').waitFor();

    await section.getByLabel('UTF-8').check();
    const [utf8] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: 'Télécharger les écritures (FEC)' }).click(),
    ]);
    // The revenue account's label, « à » as one byte (E0) in ISO 8859-15, two (C3 A0) in UTF-8.
    const accented = 'soumises à la TVA';
    expect(latin9Bytes.includes(Buffer.from(accented, 'latin1'))).toBe(true);
    expect(latin9Bytes.includes(Buffer.from(accented, 'utf8'))).toBe(false);
    const utf8Bytes = await saved(utf8);
    expect(utf8Bytes.includes(Buffer.from(accented, 'utf8'))).toBe(true);
    expect(utf8Bytes.toString('utf8')).toContain(saleRef);

    const [description] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: 'Télécharger le fichier descriptif' }).click(),
    ]);
    expect(description.suggestedFilename()).toMatch(/^\d{9}FEC\d{8}_descriptif\.txt$/);
    // Asked in UTF-8, as chosen above: the typographic apostrophe survives.
    const described = (await saved(description)).toString('utf8');
    expect(described).toContain('fichier d’import du logiciel comptable');
    expect(described).toContain('Encodage : UTF-8');
    await section.getByText('Téléchargement du fichier descriptif lancé.').waitFor();
    await web.screenshot(page, 'accounting-exports');
  });

  it('fits a phone: the months and the entries scroll sideways in their tables, not the page', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`/finance/accounting?year=${early.slice(0, 4)}`);
    await page.getByRole('table', { name: `Mois de l'exercice ${early.slice(0, 4)}` }).waitFor();
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await pageWidth()).toBeLessThanOrEqual(375);
    await checkAccessibility('periods-phone');
    await web.screenshot(page, 'accounting-periods-phone');
    await page.goto(`/finance/accounting/entries?period=${early}&journal=VT`);
    await page.getByRole('article').first().waitFor();
    expect(await pageWidth()).toBeLessThanOrEqual(375);
    await web.screenshot(page, 'accounting-entries-phone');
  });

  it('has no accessibility violation on any of these pages (axe-core, WCAG 2.1 A and AA)', async () => {
    expect(violations).toEqual([]);
    // The control: a field with no label is found, so the check above could fail.
    await page.evaluate(() =>
      document.querySelector('main')!.append(document.createElement('input')),
    );
    expect((await axeViolations(page)).join()).toMatch(/^label: /);
  });
});
