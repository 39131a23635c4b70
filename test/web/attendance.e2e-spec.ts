import { DataSource } from 'typeorm';
import { insertPublishedSession } from '@mutualis/testing';
import { axeViolations } from './support/axe';
import { DEMO_PASSWORD, startWebHarness, WebHarness } from './support/web-harness';

// A browser flow crosses many pages, each waiting on the api and sometimes the worker.
jest.setTimeout(150_000);

const PHONE = { width: 375, height: 812 };

/**
 * Émargement in the browser: a training under way, its two trainees get their links by e-mail
 * and sign from a phone-sized page (one draws with a finger, one types), a phone that signed
 * for one is refused a colleague's link, and the consultant countersigns on the grid.
 */
describe('web app: attendance signed per half-day from a phone', () => {
  let web: WebHarness;
  let db: DataSource;
  let sessionId: string;
  const stamp = Date.now();
  const lea = `lea.${stamp}@test.mutualis.fr`;
  const karim = `karim.${stamp}@test.mutualis.fr`;

  beforeAll(async () => {
    web = await startWebHarness('web_attendance');
    db = await new DataSource({ type: 'postgres', url: web.environment.databaseUrl }).initialize();
    const [consultant] = await db.query<{ id: string }[]>(
      `SELECT id FROM users WHERE email = 'consultant1@demo.mutualis.fr'`,
    );
    ({ sessionId } = await insertPublishedSession(db, { consultantId: consultant.id }));
    const member = await web.accessToken('member1@demo.mutualis.fr', DEMO_PASSWORD);
    const [organisation] = await db.query<{ organisation_id: string }[]>(
      `SELECT m.organisation_id FROM organisation_members m JOIN users u ON u.id = m.user_id
        WHERE u.email = 'member1@demo.mutualis.fr' AND m.role = 'org_admin' LIMIT 1`,
    );
    const booked = await fetch(`${web.baseUrl}/api/bookings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${member}` },
      body: JSON.stringify({
        organisationId: organisation.organisation_id,
        sessionId,
        attendees: [
          { name: 'Léa Dubois', email: lea },
          { name: 'Karim Benali', email: karim },
        ],
      }),
    });
    expect(booked.status).toBe(201);
    const booking = (await booked.json()) as { id: string };
    // Under way: began ten minutes ago, before its half-days are made on confirmation.
    await db.query(
      `UPDATE sessions SET starts_at = now() - interval '10 minutes', ends_at = now() + interval '50 minutes',
              registration_deadline = now() - interval '1 hour' WHERE id = $1`,
      [sessionId],
    );
    const admin = await web.accessToken('admin@demo.mutualis.fr');
    const confirmed = await fetch(`${web.baseUrl}/api/bookings/${booking.id}/confirm`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin}` },
      body: JSON.stringify({ method: 'cheque' }),
    });
    expect(confirmed.status).toBe(200);
  }, 150_000);

  afterAll(async () => {
    await db?.destroy();
    await web?.stop();
  });

  async function linkFor(address: string): Promise<string> {
    const until = Date.now() + 30_000;
    for (;;) {
      const mail = web.smtp.received.find((caught) => caught.to.includes(address));
      const match = /\/emargement\/[A-Za-z0-9_-]{64}/.exec(mail?.mail.text ?? '');
      if (match) return match[0];
      if (Date.now() > until) throw new Error(`no signing link mailed to ${address}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('lets each trainee sign from a 375 px phone, drawn or typed, and refuses a colleague’s phone', async () => {
    const leaLink = await linkFor(lea);
    const karimLink = await linkFor(karim);

    const phone = await web.newPage({ viewport: PHONE });
    await phone.goto(leaLink);
    await phone.getByRole('heading', { name: 'Émargement' }).waitFor();
    await phone.getByText('Bonjour Léa Dubois').waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    // Nothing drawn yet: the page says so rather than sending an empty signature.
    await phone.getByRole('button', { name: 'Je signe ma présence' }).click();
    await phone.getByText('Dessinez votre signature avant de valider.').waitFor();
    const pad = await phone.locator('canvas.signature-pad').boundingBox();
    if (!pad) throw new Error('no signature pad');
    expect(pad.width).toBeLessThanOrEqual(PHONE.width);
    await phone.mouse.move(pad.x + 30, pad.y + 100);
    await phone.mouse.down();
    for (const [dx, dy] of [
      [80, 40],
      [140, 120],
      [200, 60],
      [280, 110],
    ]) {
      await phone.mouse.move(pad.x + dx, pad.y + dy, { steps: 5 });
    }
    await phone.mouse.up();
    await web.screenshot(phone, 'attendance-phone-drawn');
    const submit = phone.getByRole('button', { name: 'Je signe ma présence' });
    expect((await submit.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await submit.click();
    await phone.getByText(/C’est signé : présence enregistrée/).waitFor();
    await web.screenshot(phone, 'attendance-phone-signed');
    // No horizontal scrolling at 375 px.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );

    // The same phone, with Karim's link: refused, in words.
    await phone.goto(karimLink);
    await phone.getByText('Bonjour Karim Benali').waitFor();
    await phone.getByLabel('Taper mon nom').check();
    await phone.getByLabel('Votre nom et prénom').fill('Karim Benali');
    await phone.getByRole('button', { name: 'Je signe ma présence' }).click();
    await phone
      .getByText('Ce téléphone a déjà signé pour un·e autre stagiaire', { exact: false })
      .waitFor();

    // Karim's own phone, typing his name; opened again, the link says it is done.
    const own = await web.newPage({ viewport: PHONE });
    await own.goto(karimLink);
    await own.getByLabel('Taper mon nom').check();
    await own.getByLabel('Votre nom et prénom').fill('Karim Benali');
    expect(await axeViolations(own)).toEqual([]);
    await own.getByRole('button', { name: 'Je signe ma présence' }).click();
    await own.getByText(/C’est signé/).waitFor();
    await own.reload();
    await own.getByText(/Vous avez déjà signé cette demi-journée/).waitFor();
    await web.screenshot(own, 'attendance-phone-already-signed');
  });

  it('shows the consultant the grid, and countersigning closes the half-day', async () => {
    const page = await web.newPage();
    await web.signIn(page, 'consultant1@demo.mutualis.fr');
    await page.goto(`/consultant/sessions/${sessionId}/attendance`);
    await page.getByRole('heading', { name: /^Émargement — / }).waitFor();
    const grid = page.getByRole('table', {
      name: 'Feuille d’émargement : stagiaires × demi-journées',
    });
    await grid.getByRole('rowheader', { name: 'Léa Dubois' }).waitFor();
    expect(await grid.getByText(/^Signé /).count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Contresigner' }).first().click();
    await page.getByText('Dessinez votre signature ci-dessous', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Votre nom et prénom').fill('Claire Formatrice');
    await page.getByRole('button', { name: 'Contresigner' }).first().click();
    await page.getByText(/Contresigné par Claire Formatrice/).waitFor();
    await web.screenshot(page, 'attendance-consultant-grid');
    expect(await axeViolations(page)).toEqual([]);
  });
});
