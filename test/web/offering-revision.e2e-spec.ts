/// <reference lib="dom" />
// page.evaluate bodies run in the browser.
import { Page } from 'playwright-core';
import { DEMO_PASSWORD, startWebHarness, WebHarness } from './support/web-harness';

// A browser flow crosses many pages, each waiting on the api and sometimes the worker.
jest.setTimeout(180_000);

// A consultant changes the title and a price of a published offering: the change waits for
// the Chambre while the published version stays live; an admin compares and approves it.
// Then a member organisation holding too many unpaid places is told why it cannot book.
describe('web app: changes to a published offering, and unpaid places', () => {
  let web: WebHarness;
  // The test environment lifts the unpaid-places cap; the built api here runs with the
  // production defaults (10 per organisation and per user), which the second test checks.
  const CAPS = ['BOOKING_UNPAID_PLACES_PER_ORGANISATION', 'BOOKING_UNPAID_PLACES_PER_USER'];
  const saved = CAPS.map((name) => process.env[name]);

  beforeAll(async () => {
    for (const name of CAPS) delete process.env[name];
    web = await startWebHarness('web_revision');
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
    CAPS.forEach((name, index) => {
      if (saved[index] !== undefined) process.env[name] = saved[index];
    });
  });

  async function tokenOf(email: string): Promise<string> {
    const login = await fetch(`${web.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    return ((await login.json()) as { accessToken: string }).accessToken;
  }

  async function apiAs<T>(
    email: string | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (email) headers.Authorization = `Bearer ${await tokenOf(email)}`;
    const response = await fetch(`${web.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async function signedIn(email: string): Promise<Page> {
    const page = await web.newPage();
    await web.signIn(page, email);
    return page;
  }

  it('keeps the published version live until an admin approves the consultant’s changes', async () => {
    const consultant = 'consultant1@demo.mutualis.fr';
    const mine = await apiAs<{
      items: { id: string; title: string; kind: string; nonMemberPriceCents: number }[];
    }>(consultant, 'GET', '/api/consultants/me/offerings?status=published&limit=100');
    const offering = mine.body.items.find((item) => item.kind === 'training')!;
    const newTitle = `${offering.title} (nouvelle édition)`;

    const page = await signedIn(consultant);
    await page.goto(`/consultant/offerings/${offering.id}`);
    await page.getByRole('heading', { level: 1, name: offering.title }).waitFor();
    // The VAT regime is the Chambre's: shown with its legal basis, nothing to choose.
    await page.getByText('Régime de TVA', { exact: true }).waitFor();
    expect(await page.getByRole('combobox', { name: /TVA/ }).count()).toBe(0);
    await page.getByLabel('Titre').fill(newTitle);
    await page.getByLabel('Prix non adhérent (€ HT)').fill('999');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Modifications envoyées à la Chambre pour validation.' })
      .waitFor();
    const panel = page.getByRole('region', { name: 'Modifications en attente de validation' });
    await panel.waitFor();
    expect(await panel.getByRole('row').allInnerTexts()).toEqual([
      expect.stringMatching(/Champ\s+En ligne\s+Proposé/),
      expect.stringContaining(newTitle),
      expect.stringMatching(/Prix non adhérent HT[\s\S]*999,00/),
    ]);
    // The page still bears the live title; the form goes on with the proposal.
    await page.getByRole('heading', { level: 1, name: offering.title }).waitFor();
    expect(await page.getByLabel('Titre').inputValue()).toBe(newTitle);
    await web.screenshot(page, 'consultant-revision-pending');

    // Visitors still read and pay the published version.
    const live = await apiAs<{ title: string; nonMemberPriceCents: number }>(
      null,
      'GET',
      `/api/offerings/${offering.id}`,
    );
    expect(live.body).toMatchObject({
      title: offering.title,
      nonMemberPriceCents: offering.nonMemberPriceCents,
    });

    const admin = await signedIn('admin@demo.mutualis.fr');
    await admin.goto('/admin/moderation');
    const item = admin.getByRole('article', { name: offering.title, exact: true });
    await item.waitFor();
    // The consultant's name comes from a second query: wait for it rather than read too soon.
    await item
      .getByText(/Claire Roux/)
      .first()
      .waitFor();
    expect(await item.innerText()).toContain('Claire Roux');
    expect(await item.getByRole('row').allInnerTexts()).toEqual([
      expect.stringMatching(/Champ\s+En ligne\s+Proposé/),
      expect.stringContaining(newTitle),
      expect.stringMatching(/999,00/),
    ]);
    // The VAT regime is the Chambre's call: on a published offering it joins what awaits review.
    await item.getByLabel('Régime de TVA (décision de la Chambre)').selectOption({
      label: 'TVA au taux normal de 20 % (art. 256 et 278 du CGI)',
    });
    await item.getByRole('button', { name: 'Changer le régime de TVA' }).click();
    await admin
      .getByRole('status')
      .filter({
        hasText: `Régime de TVA proposé pour « ${offering.title} » : TVA au taux normal de 20 % (art. 256 et 278 du CGI).`,
      })
      .waitFor();
    await web.screenshot(admin, 'admin-revision');
    await item.getByRole('button', { name: 'Valider les modifications' }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: `Les modifications de « ${offering.title} » sont en ligne.` })
      .waitFor();
    await item.waitFor({ state: 'detached' });

    const approved = await apiAs<{ title: string; nonMemberPriceCents: number }>(
      null,
      'GET',
      `/api/offerings/${offering.id}`,
    );
    expect(approved.body).toMatchObject({
      title: newTitle,
      nonMemberPriceCents: 99_900,
      vatTreatment: 'standard',
    });
  });

  it('tells a member organisation holding too many unpaid places how many, the limit and how to free them', async () => {
    const member = 'member5@demo.mutualis.fr';
    const me = await apiAs<{ organisations: { id: string }[] }>(member, 'GET', '/api/me');
    const organisationId = me.body.organisations[0].id;
    const search = await apiAs<{
      items: {
        id: string;
        kind: string;
        maxSeatsPerOrganisation: number | null;
        nextSessions: { id: string; seatsLeft: number }[];
      }[];
    }>(null, 'GET', '/api/offerings?limit=50');
    const trainings = search.body.items.filter(
      (item) =>
        item.kind === 'training' &&
        item.maxSeatsPerOrganisation === null &&
        item.nextSessions.some((s) => s.seatsLeft >= 4),
    );
    // Ten unpaid places, held through the api.
    let held = 0;
    for (const training of trainings) {
      const session = training.nextSessions.find((s) => s.seatsLeft >= 4)!;
      const seats = Math.min(4, 10 - held);
      const booked = await apiAs<{ status: string }>(member, 'POST', '/api/bookings', {
        organisationId,
        sessionId: session.id,
        attendees: Array.from({ length: seats }, (_, index) => ({
          name: `Participant ${held + index + 1}`,
          email: `participant${held + index + 1}@fondation-gap.test`,
        })),
      });
      expect({ status: booked.status, body: booked.body }).toMatchObject({ status: 201 });
      held += seats;
      if (held === 10) break;
    }
    expect(held).toBe(10);

    // A session with seats left (a full one would put the booking on its waitlist, holding nothing).
    const target = trainings.at(-1)!;
    const open = target.nextSessions.find((s) => s.seatsLeft >= 1)!;
    const page = await signedIn(member);
    await page.goto(`/book/${target.id}?session=${open.id}`);
    await page.getByLabel('Nom du participant 1').fill('Lou Garnier');
    await page.getByLabel('E-mail du participant 1').fill('lou.garnier@fondation-gap.test');
    await page.getByRole('button', { name: /^Réserver/ }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'places non payées' });
    await alert.waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
      await web.screenshot(page, 'booking-unpaid-places-failed');
      throw error;
    });
    expect(await alert.innerText()).toContain(
      'Votre organisation retient déjà 10 places non payées. Elle peut en retenir au plus 10 à la fois sans payer ; cette réservation en demande 1.',
    );
    expect(await alert.innerText()).toContain(
      'Pour libérer des places, réglez ou annulez une réservation en attente de paiement.',
    );
    await web.screenshot(page, 'booking-unpaid-places');
    await alert.getByRole('link', { name: 'Voir les réservations en attente de paiement' }).click();
    await page.waitForURL(/\/bookings\?status=pending_payment$/);
  });
});
