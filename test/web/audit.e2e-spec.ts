/// <reference lib="dom" />
// page.evaluate bodies run in the browser.
import { Page } from 'playwright-core';
import { startWebHarness, WebHarness } from './support/web-harness';

jest.setTimeout(120_000);

interface AuditEntry {
  action: string;
  requestId: string | null;
  actor: { name: string | null };
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

// The Chambre admin changes a user's roles in the web app, then finds that change in the audit
// log: who made it, in which request, and the roles before and after.
describe('web app: audit log', () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness('web_audit');
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
  });

  async function apiAs<T>(email: string, path: string, method = 'GET', body?: unknown): Promise<T> {
    // Through the harness: the demo admin signs in with a second factor.
    const accessToken = await web.accessToken(email);
    const response = await fetch(`${web.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function signedInAdmin(viewport?: { width: number; height: number }): Promise<Page> {
    const page = await web.newPage(viewport ? { viewport } : undefined);
    await web.signIn(page, 'admin@demo.mutualis.fr');
    return page;
  }

  it('shows a role change made in the app with its author, request id, before and after', async () => {
    const page = await signedInAdmin();
    await page.goto('/admin/users');
    await page.getByLabel('Nom ou adresse e-mail').fill('benevole1');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const row = page.getByRole('row').filter({ hasText: 'benevole1@demo.mutualis.fr' });
    await row.getByRole('checkbox', { name: 'Finance' }).check();
    await page
      .getByRole('status')
      .filter({ hasText: 'Rôles de Hugo Lefèvre enregistrés.' })
      .waitFor();

    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('link', { name: "Journal d'audit" }).click();
    await page.getByRole('heading', { level: 1, name: "Journal d'audit" }).waitFor();

    const stored = await apiAs<{ items: AuditEntry[] }>(
      'admin@demo.mutualis.fr',
      '/api/admin/audit?action=user.roles.set',
    );
    const change = stored.items[0];
    expect(change).toMatchObject({
      actor: { name: 'Sophie Garnier (Chambre)' },
      before: { roles: [] },
      after: { roles: ['finance'] },
    });
    expect(change.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const entry = page.getByRole('listitem').filter({ hasText: change.requestId! });
    await entry.waitFor();
    const text = await entry.innerText();
    expect(text).toContain('Rôles modifiés');
    expect(text).toContain('Sophie Garnier (Chambre)');
    expect(text).toContain('Administration');
    const diff = entry.getByRole('table');
    expect(await diff.getByRole('row', { name: /Rôles/ }).innerText()).toMatch(
      /Rôles\s+—\s+Finance/,
    );
    expect(await diff.locator('ins').innerText()).toBe('Finance');
    expect(await diff.locator('del').count()).toBe(0);

    // The whole history of that user, from the entry itself.
    await entry.getByRole('button', { name: /Tout l'historique de cet objet/ }).click();
    await page.getByRole('listitem').filter({ hasText: 'Rôles modifiés' }).first().waitFor();
    expect(await page.getByLabel('Objet', { exact: true }).inputValue()).toBe('user');
    expect(await page.getByLabel("Identifiant de l'objet").inputValue()).toBe(change.entityId);
    // The address keeps the filter: the history can be linked to, and reloads as it was.
    expect(new URL(page.url()).searchParams.get('entity')).toBe(`user:${change.entityId}`);
    await page.reload();
    await page.getByRole('listitem').filter({ hasText: 'Rôles modifiés' }).first().waitFor();
    expect(await page.getByLabel("Identifiant de l'objet").inputValue()).toBe(change.entityId);
    await page.waitForFunction(() => document.querySelectorAll('.audit-log > li').length === 1);
    await web.screenshot(page, 'admin-audit');

    // A filter nothing matches says so.
    await page.getByLabel('Action').selectOption({ label: 'Avoir émis' });
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('Aucun changement ne correspond à ces filtres.').waitFor();
  });

  it('opens an organisation’s history from its page, with the fee in euros', async () => {
    const admin = 'admin@demo.mutualis.fr';
    const found = await apiAs<{ items: { id: string; legalName: string }[] }>(
      admin,
      `/api/organisations?q=${encodeURIComponent('Énergies')}`,
    );
    const organisation = found.items[0];
    await apiAs(admin, `/api/organisations/${organisation.id}/memberships/2031`, 'PUT', {
      status: 'active',
      feeCents: 32_050,
    });

    const page = await signedInAdmin();
    await page.goto(`/admin/organisations/${organisation.id}`);
    await page.getByRole('heading', { level: 1, name: organisation.legalName }).waitFor();
    await page
      .getByRole('link', { name: /Historique des changements de cette organisation/ })
      .click();
    await page.getByRole('heading', { level: 1, name: "Journal d'audit" }).waitFor();
    // The seed recorded this organisation's memberships too; ours is the newest, for 2031.
    const entry = page
      .getByRole('listitem')
      .filter({ hasText: 'Adhésion enregistrée' })
      .filter({ hasText: '2031' });
    await entry.waitFor();
    const rows = entry.getByRole('table').getByRole('row');
    expect(await rows.filter({ hasText: 'Année' }).innerText()).toMatch(/Année\s+—\s+2031/);
    expect(await rows.filter({ hasText: 'Cotisation' }).innerText()).toMatch(
      /Cotisation\s+—\s+320,50\s€/,
    );
    expect(await rows.filter({ hasText: 'Statut' }).innerText()).toMatch(/Statut\s+—\s+Active/);
    await web.screenshot(page, 'admin-audit-organisation');
  });

  it('reads on a phone without widening the page', async () => {
    const page = await signedInAdmin();
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/admin/audit');
    await page.getByRole('heading', { level: 1, name: "Journal d'audit" }).waitFor();
    await page.getByLabel('Action').selectOption({ label: 'Offre publiée' });
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.locator('.audit-log > li').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    await web.screenshot(page, 'admin-audit-phone');
  });
});
