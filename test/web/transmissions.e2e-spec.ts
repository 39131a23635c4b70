import { readFile } from 'node:fs/promises';
import { Page } from 'playwright-core';
import { Client } from 'pg';
import { startWebHarness, WebHarness } from './support/web-harness';

jest.setTimeout(180_000);

const FINANCE = 'finance@demo.mutualis.fr';
const AXE_SOURCE = require.resolve('axe-core/axe.min.js');
const REASON = 'Numéro d’engagement juridique inconnu du service exécutant';

interface Invoice {
  id: string;
  number: string;
  status: string;
  type: string;
}

/** What axe-core finds against WCAG 2.1 A and AA, as "rule: targets" (see accounting.e2e-spec). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await readFile(AXE_SOURCE, 'utf8'));
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  });
}

// Finance follows public buyers' invoices on Chorus Pro in the browser: the list of
// transmissions with the rejection's reason, and the invoice's status history with the way to
// correct it (a credit note, then a new invoice).
describe('web app: Chorus Pro transmissions', () => {
  let web: WebHarness;
  let token: string;
  let invoice: Invoice;

  async function get<T>(path: string): Promise<T> {
    const response = await fetch(`${web.baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    web = await startWebHarness('web_chorus');
    token = await web.accessToken(FINANCE);
    // An invoice of the demo data, once the worker has issued it and opened its transmission.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const page = await get<{ items: Invoice[] }>('/api/invoices?status=issued&limit=100');
      const candidate = page.items.find((item) => item.type === 'invoice');
      if (candidate) {
        const transmission = await get<{ state: string }>(
          `/api/invoices/${candidate.id}/transmission`,
        );
        if (transmission.state === 'delegated') {
          invoice = candidate;
          break;
        }
      }
      if (Date.now() > deadline) throw new Error('no issued invoice in the demo data');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // The demo has no public buyer yet (their Chorus Pro structure is another part of the
    // issue): the database's owner makes this invoice's transmission one that Chorus Pro
    // rejected, as the worker records it.
    const owner = new Client({ connectionString: web.environment.databaseUrl });
    await owner.connect();
    try {
      await owner.query(
        `ALTER TABLE invoice_transmissions DISABLE TRIGGER invoice_transmissions_keep_record`,
      );
      await owner.query(
        `UPDATE invoice_transmissions
            SET channel = 'chorus_pro', state = 'rejected', external_status = 'REJETEE',
                external_flow_id = 'CPP0000000000000000000001', external_invoice_id = '8316845',
                last_status_at = now()
          WHERE invoice_id = $1`,
        [invoice.id],
      );
      await owner.query(
        `ALTER TABLE invoice_transmissions ENABLE ALWAYS TRIGGER invoice_transmissions_keep_record`,
      );
      await owner.query(
        `INSERT INTO invoice_lifecycle_events (invoice_id, status, occurred_at, reason, source, dedupe_key)
         SELECT $1::uuid, facts.status, i.issued_at + facts.after, facts.reason, 'chorus_pro', 'chorus:' || facts.status
           FROM invoices i,
                (VALUES ('deposited', interval '1 minute', NULL),
                        ('made_available', interval '1 hour', NULL),
                        ('rejected', interval '2 hours', $2::text)) AS facts(status, after, reason)
          WHERE i.id = $1`,
        [invoice.id, REASON],
      );
    } finally {
      await owner.end();
    }
  }, 180_000);

  afterAll(async () => {
    await web?.stop();
  });

  it('lists the rejected transmission with its reason and leads to the invoice’s history and its correction, without an accessibility violation', async () => {
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
    const row = page.getByRole('row').filter({ hasText: invoice.number });
    await row.waitFor();
    expect(await row.textContent()).toContain(REASON);
    expect(await row.textContent()).toContain('Chorus Pro');
    await check('transmissions');
    await web.screenshot(page, 'finance-transmissions');

    await row.getByRole('link', { name: 'Corriger par un avoir' }).click();
    await page.getByRole('heading', { level: 1, name: `Facture ${invoice.number}` }).waitFor();
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
