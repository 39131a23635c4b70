/// <reference lib="dom" />
// page.evaluate bodies run in the browser.
import { Page } from 'playwright-core';
import { startWebHarness, WebHarness } from './support/web-harness';
import { completeTrainingPedagogy } from '@mutualis/testing';

// A browser flow crosses many pages, each waiting on the api and sometimes the worker.
jest.setTimeout(120_000);

// The Chambre admin at work: moderates a consultant's offering, records an organisation's
// adhésion for the year, and makes a user a consultant. Each step is checked in the api too.
describe('web app: administration', () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness('web_admin');
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
  });

  async function apiAs<T>(email: string, method: string, path: string, body?: unknown): Promise<T> {
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

  async function signedInAdmin(): Promise<Page> {
    const page = await web.newPage();
    await web.signIn(page, 'admin@demo.mutualis.fr');
    return page;
  }

  it('refuses a submitted offering with a reason, which its consultant then reads', async () => {
    const consultant = 'consultant1@demo.mutualis.fr';
    const title = 'Gouvernance partagée : animer un conseil collégial';
    const draft = await apiAs<{ id: string }>(consultant, 'POST', '/api/offerings', {
      title,
      summary: 'Une journée pour passer d’un bureau classique à une gouvernance collégiale.',
      description: 'Programme\n\n- les statuts\n- le règlement intérieur',
      categorySlug: 'formation',
      kind: 'training',
      deliveryMode: 'on_site',
      departments: ['13', '84'],
      durationMinutes: 420,
      memberPriceCents: 18_000,
      nonMemberPriceCents: 26_000,
      pedagogy: completeTrainingPedagogy(),
    });
    await apiAs(consultant, 'POST', `/api/offerings/${draft.id}/submit`);

    const page = await signedInAdmin();
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'Modération des offres' }).click();
    const offering = page.getByRole('article', { name: title, exact: true });
    await offering.waitFor();
    expect(await offering.innerText()).toContain('Claire Roux');
    expect(await offering.innerText()).toContain('180,00');

    await offering.getByRole('button', { name: 'Refuser', exact: true }).click();
    await offering.getByRole('button', { name: 'Confirmer le refus' }).click();
    expect(await offering.getByText('Ce champ est obligatoire.').count()).toBe(1);

    const reason = 'Précisez le public visé et les prérequis.';
    await offering.getByLabel('Motif du refus').fill(reason);
    await offering.getByRole('button', { name: 'Confirmer le refus' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `« ${title} » est refusée` })
      .waitFor();
    await offering.waitFor({ state: 'detached' });

    const stored = await apiAs<{ status: string; rejectionReason: string | null }>(
      consultant,
      'GET',
      `/api/offerings/${draft.id}`,
    );
    expect(stored).toMatchObject({ status: 'rejected', rejectionReason: reason });
    await web.screenshot(page, 'admin-moderation');
  });

  it('sets the adhésion of an organisation for the current year, with its fee', async () => {
    const legalName = 'SCIC Énergies Citoyennes Azur';
    const year = Number(
      new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Paris' }).format(
        new Date(),
      ),
    );
    const page = await signedInAdmin();
    await page.goto('/admin/organisations');
    await page.getByLabel('Nom ou SIRET').fill('Énergies');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('link', { name: legalName }).click();
    await page.getByRole('heading', { level: 1, name: legalName }).waitFor();

    const form = page.locator('form').filter({ hasText: "Fixer l'adhésion d'une année" });
    expect(await form.getByLabel('Année').inputValue()).toBe(String(year));
    await form.getByLabel('Statut').selectOption({ label: 'Active' });
    await form.getByLabel('Cotisation (€)').fill('douze');
    await form.getByRole('button', { name: "Enregistrer l'adhésion" }).click();
    expect(await form.getByText("Cette valeur n'est pas valide.").count()).toBe(1);

    await form.getByLabel('Cotisation (€)').fill('320,50');
    await form.getByRole('button', { name: "Enregistrer l'adhésion" }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Adhésion ${year} enregistrée : Active.` })
      .waitFor();
    // The hand-set table (the membership history above it shows the year too).
    await page
      .getByRole('table', { name: 'Adhésions', exact: true })
      .getByRole('row', { name: new RegExp(`^${year} Active`) })
      .filter({ hasText: '320,50' })
      .waitFor();

    const organisations = await apiAs<{ items: { id: string; legalName: string }[] }>(
      'admin@demo.mutualis.fr',
      'GET',
      `/api/organisations?q=${encodeURIComponent('Énergies')}`,
    );
    const organisation = organisations.items.find((item) => item.legalName === legalName)!;
    const memberships = await apiAs<{ year: number; status: string; feeCents: number }[]>(
      'admin@demo.mutualis.fr',
      'GET',
      `/api/organisations/${organisation.id}/memberships`,
    );
    expect(memberships.find((membership) => membership.year === year)).toMatchObject({
      status: 'active',
      feeCents: 32_050,
    });
    await web.screenshot(page, 'admin-membership');
  });

  it('gives a user the consultant role, and refuses to remove one’s own admin role', async () => {
    const page = await signedInAdmin();
    await page.goto('/admin/users');
    await page.getByLabel('Nom ou adresse e-mail').fill('benevole1');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const row = page.getByRole('row').filter({ hasText: 'benevole1@demo.mutualis.fr' });
    const consultantBox = row.getByRole('checkbox', { name: 'Consultant' });
    expect(await consultantBox.isChecked()).toBe(false);
    await consultantBox.check();
    await page
      .getByRole('status')
      .filter({ hasText: 'Rôles de Hugo Lefèvre enregistrés.' })
      .waitFor();
    await row.getByRole('checkbox', { name: 'Consultant', checked: true }).waitFor();

    const users = await apiAs<{ items: { email: string; roles: string[] }[] }>(
      'admin@demo.mutualis.fr',
      'GET',
      '/api/users?q=benevole1',
    );
    expect(users.items.find((user) => user.email === 'benevole1@demo.mutualis.fr')?.roles).toEqual([
      'consultant',
    ]);

    await page.getByLabel('Nom ou adresse e-mail').fill('admin@demo');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const own = page.getByRole('row').filter({ hasText: 'admin@demo.mutualis.fr' });
    // The box stays ticked: the api refuses, and the page says why.
    await own.getByRole('checkbox', { name: 'Administration' }).click();
    expect(await own.getByRole('alert').innerText()).toContain(
      'Vous ne pouvez pas retirer votre propre rôle',
    );
    expect(await own.getByRole('checkbox', { name: 'Administration' }).isChecked()).toBe(true);
    await web.screenshot(page, 'admin-users');
  });

  it('opens the e-mail log and the queue dashboard from the overview, on a phone', async () => {
    // Signed in at desktop width: web.signIn waits for the sign-out button, in the phone's menu.
    const page = await signedInAdmin();
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Journal des e-mails' }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal des e-mails' }).waitFor();
    // Wide tables scroll inside their frame; the page itself never gets wider than the phone.
    await page.getByRole('table').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    await page.getByLabel('Statut').selectOption({ label: 'En échec' });
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('Aucun e-mail ne correspond à ces filtres.').waitFor();
    await web.screenshot(page, 'admin-notifications');

    // A full page load served by the api: the access token goes in the dashboard's cookie.
    await page.goto('/admin');
    const queues = page.waitForResponse(
      (response) => new URL(response.url()).pathname === '/admin/queues/api/queues',
    );
    await page.getByRole('link', { name: 'Files de traitement' }).click();
    await page.waitForURL(/\/admin\/queues$/);
    expect((await queues).status()).toBe(200);
    const cookies = await page.context().cookies(`${web.baseUrl}/admin/queues`);
    expect(cookies.find((cookie) => cookie.name === 'mutualis_access_token')).toMatchObject({
      path: '/admin/queues',
      sameSite: 'Strict',
      secure: false,
    });
  });
});
