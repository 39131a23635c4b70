import { startWebHarness, WebHarness } from './support/web-harness';

// A browser flow crosses many pages, each waiting on the api.
jest.setTimeout(180_000);

const ADMIN = 'admin@demo.mutualis.fr';
const FINANCE = 'finance@demo.mutualis.fr';
// The owner of the demo's submitted consultation.
const CONSULTANT = 'consultant2@demo.mutualis.fr';

// The Chambre decides VAT: its admin records its VAT settings; finance sets an offering's regime
// among those of its kind, each with its legal basis; the consultant only reads it.
describe('web app: the Chambre’s VAT decisions', () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness('web_vat');
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
  });

  async function get<T>(email: string, path: string): Promise<T> {
    const response = await fetch(`${web.baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${await web.accessToken(email)}` },
    });
    return (await response.json()) as T;
  }

  it('lets the admin record the VAT settings: attestation date, option for debits, defaults', async () => {
    const page = await web.newPage();
    await web.signIn(page, ADMIN);
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Paramètres de TVA de la Chambre' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Paramètres de TVA de la Chambre' })
      .waitFor();
    const attestation = page.getByLabel(
      "Date de l'attestation d'exonération de la formation (DREETS, formulaire 3511-SD)",
    );
    expect(await attestation.inputValue()).toBe('2024-09-02');
    expect(
      await page.getByLabel("Régime d'une nouvelle formation").locator('option').allInnerTexts(),
    ).toEqual([
      'TVA au taux normal de 20 % (art. 256 et 278 du CGI)',
      'Exonérée : formation professionnelle continue (art. 261, 4, 4° a du CGI)',
      'Exonérée : services rendus aux membres (art. 261, 7, 1° a du CGI)',
    ]);
    await page.getByLabel("Option pour le paiement de la taxe d'après les débits").check();
    await page.getByRole('button', { name: 'Enregistrer les paramètres de TVA' }).click();
    await page.getByRole('status').filter({ hasText: 'Paramètres de TVA enregistrés.' }).waitFor();
    await web.screenshot(page, 'admin-chambre-vat');
    expect((await get<{ vatOnDebits: boolean }>(ADMIN, '/api/chambre')).vatOnDebits).toBe(true);
  });

  it('lets finance set a submitted offering’s regime among those of its kind, and the consultant read it', async () => {
    const queue = await get<{ items: { id: string; title: string; kind: string }[] }>(
      FINANCE,
      '/api/moderation/offerings?status=submitted&limit=50',
    );
    const consultation = queue.items.find((item) => item.kind === 'consultation')!;

    const page = await web.newPage();
    await web.signIn(page, FINANCE);
    await page.goto('/finance');
    await page.getByRole('link', { name: 'TVA des offres' }).click();
    await page.getByRole('heading', { level: 1, name: 'TVA des offres' }).waitFor();
    const item = page.getByRole('article', { name: consultation.title, exact: true });
    await item.waitFor();
    const select = item.getByLabel('Régime de TVA (décision de la Chambre)');
    // No training exemption for a consultation, and every choice says its article.
    expect(await select.locator('option').allInnerTexts()).toEqual([
      'TVA au taux normal de 20 % (art. 256 et 278 du CGI)',
      'Exonérée : services rendus aux membres (art. 261, 7, 1° a du CGI)',
      'Hors champ : débours (art. 267, II, 2° du CGI)',
      'Hors champ : subvention non liée au prix (art. 256 et 266, 1, a du CGI)',
    ]);
    await select.selectOption({
      label: 'Exonérée : services rendus aux membres (art. 261, 7, 1° a du CGI)',
    });
    await item.getByRole('button', { name: 'Changer le régime de TVA' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Régime de TVA de « ${consultation.title} » : Exonérée` })
      .waitFor();
    await web.screenshot(page, 'finance-offering-vat');

    const consultant = await web.newPage();
    await web.signIn(consultant, CONSULTANT);
    await consultant.goto(`/consultant/offerings/${consultation.id}`);
    await consultant
      .getByText('Exonérée : services rendus aux membres (art. 261, 7, 1° a du CGI)')
      .waitFor();
    expect(await consultant.getByRole('combobox', { name: /TVA/ }).count()).toBe(0);
    await web.screenshot(consultant, 'consultant-offering-vat');
  });
});
