import { startWebHarness, WebHarness } from './support/web-harness';
import { axeViolations } from './support/axe';

jest.setTimeout(180_000);

const FINANCE = 'finance@demo.mutualis.fr';
const REASON = 'Numéro d’engagement juridique inconnu du service exécutant';

interface RejectedTransmission {
  invoiceId: string;
  invoiceNumber: string;
  buyerName: string;
  rejectionReason: string | null;
}

interface PublicInvoice {
  number: string;
  buyer: { publicProcurement: { engagementNumber: string | null } | null };
}

// Finance follows public buyers' invoices on Chorus Pro in the browser: the list of
// transmissions with the rejection's reason, and the invoice's status history with the way to
// correct it (a credit note, then a new invoice).
describe('web app: Chorus Pro transmissions', () => {
  let web: WebHarness;
  let token: string;
  let rejected: RejectedTransmission;

  async function get<T>(path: string): Promise<T> {
    const response = await fetch(`${web.baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    // The demo's public buyer (the commune of Lourmarin) books on an administrative mandate with
    // its engagement number: the worker deposits its invoice on the Chorus Pro stand-in, which
    // makes it available, then has the buyer reject it.
    web = await startWebHarness(
      'web_chorus',
      {},
      {
        chorusPro: (standIn) =>
          standIn.invoiceScript('MISE_A_DISPOSITION', { code: 'REJETEE', comment: REASON }),
      },
    );
    token = await web.accessToken(FINANCE);
    const deadline = Date.now() + 90_000;
    for (;;) {
      const { items } = await get<{ items: RejectedTransmission[] }>(
        '/api/finance/invoice-transmissions?channel=chorus_pro&state=rejected&limit=100',
      );
      if (items.length > 0) {
        expect(items).toHaveLength(1);
        [rejected] = items;
        break;
      }
      if (Date.now() > deadline) throw new Error('the demo’s public invoice was not rejected');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 180_000);

  afterAll(async () => {
    await web?.stop();
  });

  it('lists the rejected transmission with its reason and leads to the invoice’s history and its correction, without an accessibility violation', async () => {
    // The commune's invoice, with its engagement number, deposited once on Chorus Pro.
    expect(rejected).toMatchObject({
      buyerName: 'Commune de Lourmarin (démo)',
      rejectionReason: REASON,
    });
    const invoice = await get<PublicInvoice>(`/api/invoices/${rejected.invoiceId}`);
    expect(invoice.buyer.publicProcurement?.engagementNumber).toBe('EJ-2027-000142');
    expect(
      web.chorusPro.deposits.filter((deposit) => deposit.numeroFacture === invoice.number),
    ).toHaveLength(1);

    const page = await web.newPage();
    const violations: string[] = [];
    const check = async (name: string) =>
      violations.push(...(await axeViolations(page)).map((violation) => `${name}: ${violation}`));
    await web.signIn(page, FINANCE);

    await page.goto('/finance');
    await page.getByRole('link', { name: 'Transmissions Chorus Pro' }).click();
    await page.getByRole('heading', { level: 1, name: 'Transmissions Chorus Pro' }).waitFor();
    await page.getByLabel('État').selectOption({ label: 'Rejetée' });
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    await page.waitForURL(/state=rejected/);
    const row = page.getByRole('row').filter({ hasText: rejected.invoiceNumber });
    await row.waitFor();
    expect(await row.textContent()).toContain(REASON);
    expect(await row.textContent()).toContain('Chorus Pro');
    await check('transmissions');
    await web.screenshot(page, 'finance-transmissions');

    await row.getByRole('link', { name: 'Corriger par un avoir' }).click();
    await page
      .getByRole('heading', { level: 1, name: `Facture ${rejected.invoiceNumber}` })
      .waitFor();
    const history = page.getByRole('region', { name: 'Transmission et statuts' });
    await history.getByText(`motif : ${REASON}`).waitFor();
    expect(await history.getByRole('listitem').locator('.badge').allTextContents()).toEqual([
      'Émise',
      'Déposée',
      'Mise à disposition',
      'Rejetée',
    ]);
    await history.getByText('Une facture rejetée n’est jamais renvoyée').waitFor();
    await page.getByRole('heading', { name: 'Émettre un avoir' }).waitFor();
    await check('invoice');
    await web.screenshot(page, 'finance-invoice-transmission');

    expect(violations).toEqual([]);
  });
});
