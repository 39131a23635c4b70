import { randomInt, randomUUID } from 'node:crypto';
import { validSiret } from '@mutualis/testing';
import { formatMoney } from '../../apps/web/src/lib/format';
import { DEMO_PASSWORD, startWebHarness, WebHarness } from './support/web-harness';

// A browser flow crosses many pages, each waiting on the api and sometimes the worker.
jest.setTimeout(120_000);

interface SearchAnswer {
  total: number;
  items: {
    id: string;
    title: string;
    kind: string;
    departments: string[];
    nextSessions: { id: string; seatsLeft: number }[];
  }[];
  facets: { categories: { slug: string; labelFr: string; count: number }[] };
}

interface OfferingAnswer {
  freeSlots: { id: string }[];
  upcomingSessions: { id: string; seatsLeft: number; price: { unitPriceCents: number } }[];
  price: { unitPriceCents: number; memberPrice: boolean };
}

/** Euros as the French interface writes them ("1 234,50 €", with narrow no-break spaces). */
const euros = (cents: number): string => formatMoney(cents, 'fr');

// The catalogue and the account pages as a visitor and a new member meet them.
describe('web app: catalogue, offering, sign-up and organisation', () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness('web_catalogue');
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
  });

  /** The verification link the worker mailed to a new account. */
  async function verificationLink(address: string): Promise<string> {
    const [mail] = await web.smtp.waitFor(
      (caught) =>
        caught.to.includes(address.toLowerCase()) &&
        /^Confirmez votre adresse e-mail/.test(caught.mail.subject ?? ''),
      1,
      30_000,
    );
    const link = /https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_-]+/.exec(mail?.mail.text ?? '');
    expect(link).not.toBeNull();
    return link![0];
  }

  async function search(query: string): Promise<SearchAnswer> {
    const response = await fetch(`${web.baseUrl}/api/offerings?${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as SearchAnswer;
  }

  async function token(email: string): Promise<string> {
    const response = await fetch(`${web.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  it('lets a visitor search, filter by département (in the URL), and open an offering with its sessions and price', async () => {
    const page = await web.newPage();
    await page.goto('/');
    await page.getByLabel('Mots-clés').fill('formation');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/\?q=formation$/);

    const all = await search('q=formation');
    expect(all.total).toBeGreaterThan(1);
    const count = page.getByRole('status').filter({ hasText: /trouvées?$/ });
    await count.filter({ hasText: `${all.total} offre` }).waitFor();
    const titles = () => page.locator('main h3 a').allInnerTexts();
    expect(await titles()).toEqual(all.items.map((item) => item.title));
    const categories = page.getByRole('navigation', { name: 'Catégories' });
    for (const facet of all.facets.categories.filter((category) => category.count > 0)) {
      await categories.getByRole('link', { name: `${facet.labelFr} (${facet.count})` }).waitFor();
    }

    await page.getByLabel('Département').selectOption('06');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/department=06/);
    const inNice = await search('q=formation&department=06');
    expect(inNice.total).toBeGreaterThan(0);
    expect(inNice.total).toBeLessThan(all.total);
    expect(inNice.items.every((item) => item.departments.includes('06'))).toBe(true);
    await count.filter({ hasText: `${inNice.total} offre` }).waitFor();
    expect(await titles()).toEqual(inNice.items.map((item) => item.title));
    const cards = page.locator('main li.card');
    expect(await cards.count()).toBe(inNice.total);
    for (const card of await cards.all()) {
      expect(await card.innerText()).toMatch(/Alpes-Maritimes \(06\)|Toute la région/);
    }
    await web.screenshot(page, 'catalogue-search');

    // The back button returns to the search without the département, and so does the form.
    await page.goBack();
    await page.waitForURL(/\?q=formation$/);
    await count.filter({ hasText: `${all.total} offre` }).waitFor();
    expect(await page.getByLabel('Département').inputValue()).toBe('');
    await page.goForward();
    await page.waitForURL(/department=06/);

    const training = inNice.items.find(
      (item) => item.kind === 'training' && item.nextSessions.some((s) => s.seatsLeft > 0),
    );
    expect(training).toBeDefined();
    await page.getByRole('link', { name: training!.title }).click();
    await page.getByRole('heading', { level: 1, name: training!.title }).waitFor();
    const detail = (await (
      await fetch(`${web.baseUrl}/api/offerings/${training!.id}`)
    ).json()) as OfferingAnswer;
    expect(detail.price.memberPrice).toBe(false);
    const priceCard = page.getByRole('region', { name: 'Tarifs' });
    expect(await priceCard.innerText()).toContain(euros(detail.price.unitPriceCents));
    const sessions = page.getByRole('region', { name: 'Prochaines sessions' });
    const open = detail.upcomingSessions.find((s) => s.seatsLeft > 0)!;
    const seats = `${open.seatsLeft} place${open.seatsLeft > 1 ? 's restantes' : ' restante'}`;
    expect(await sessions.innerText()).toContain(seats);
    const links = sessions.getByRole('link', { name: /^Réserver / });
    expect(await links.count()).toBe(detail.upcomingSessions.length);
    const hrefs = await Promise.all((await links.all()).map((link) => link.getAttribute('href')));
    expect(hrefs).toContain(`/book/${training!.id}?session=${open.id}`);
    await web.screenshot(page, 'offering-page');

    // The offering page leads back to the same results.
    await page.getByRole('link', { name: 'Retour au catalogue' }).click();
    await page.waitForURL(/department=06/);
  });

  it('lays the catalogue out for a phone', async () => {
    const page = await web.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto('/?q=formation');
    await page
      .getByRole('status')
      .filter({ hasText: /trouvées?$/ })
      .waitFor();
    const width = await page.locator('html').evaluate((html) => html.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    // The filters beyond the keywords fold away, so the first result shows on the first screen.
    const first = await page.locator('main h3 a').first().boundingBox();
    expect(first!.y).toBeLessThan(800);
    await web.screenshot(page, 'catalogue-phone');
    await page.getByText('Plus de filtres').click();
    await page.getByLabel('Département').waitFor();
  });

  it('signs a new person up, registers their organisation with field errors shown, and lands on it', async () => {
    const page = await web.newPage();
    const email = `camille.${randomUUID().slice(0, 8)}@ateliers-du-lac.fr`;
    await page.goto('/');
    await page.getByRole('link', { name: 'Créer un compte' }).click();
    await page.getByLabel('Prénom et nom').fill('Camille Martin');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('court');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByText("C'est trop court.").waitFor();
    expect(await page.getByLabel('Mot de passe').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Mot de passe').fill('un jardin partagé au Panier');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL(/\/organisation$/);
    await page.getByRole('heading', { name: 'Inscrire votre organisation' }).waitFor();
    await page.getByRole('heading', { name: 'Rejoindre une organisation déjà inscrite' }).waitFor();
    // Registering an organisation waits for the address to be confirmed from the e-mail.
    await page.goto(await verificationLink(email));
    await page.getByText(/Votre adresse e-mail est confirmée/).waitFor();
    await page.goto('/organisation');

    await page.getByRole('link', { name: 'Inscrire mon organisation' }).click();
    await page.getByLabel('Nom officiel').fill('Les Ateliers du Lac');
    await page.getByLabel('Forme juridique').selectOption('association');
    await page.getByLabel('Numéro SIRET').fill('12345678901234');
    // RNA numbers are unique, and the demo's association has one: a number of its own.
    await page
      .getByLabel('Numéro RNA')
      .fill(`W13${String(randomInt(0, 10_000_000)).padStart(7, '0')}`);
    await page.getByLabel('Adresse', { exact: true }).fill('12 rue de la République');
    await page.getByLabel('Code postal').fill('13001');
    await page.getByLabel('Ville').fill('Marseille');
    await page.getByLabel('E-mail de facturation').fill('compta@ateliers-du-lac.fr');
    await page.getByRole('button', { name: "Inscrire l'organisation" }).click();
    await page.getByRole('alert').filter({ hasText: 'Vérifiez les champs signalés.' }).waitFor();
    expect(await page.getByLabel('Numéro SIRET').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Ville').getAttribute('aria-invalid')).toBe('false');
    await web.screenshot(page, 'organisation-form-errors');

    await page.getByLabel('Numéro SIRET').fill(validSiret());
    await page.getByRole('button', { name: "Inscrire l'organisation" }).click();
    await page.waitForURL(/\/organisation\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Les Ateliers du Lac' }).waitFor();
    await page.getByText('Votre organisation est inscrite.').waitFor();
    const people = page.getByRole('region', { name: 'Personnes' });
    await people.getByRole('row', { name: /Camille Martin/ }).waitFor();
    expect(await people.getByRole('row', { name: /Camille Martin/ }).innerText()).toContain(
      'Administrateur ou administratrice',
    );
    await web.screenshot(page, 'organisation-created');

    // The api holds it, with the new user as its administrator and a pending adhésion.
    const login = await fetch(`${web.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: 'un jardin partagé au Panier' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = (await (
      await fetch(`${web.baseUrl}/api/me`, { headers: { Authorization: `Bearer ${accessToken}` } })
    ).json()) as {
      organisations: { id: string; legalName: string; role: string; membership: unknown }[];
    };
    expect(me.organisations).toHaveLength(1);
    expect(me.organisations[0]).toMatchObject({
      legalName: 'Les Ateliers du Lac',
      role: 'org_admin',
    });
    expect(page.url()).toContain(me.organisations[0].id);
  });

  it('invites someone from the organisation page, and the invited person signs up from the link and joins', async () => {
    const admin = await web.newPage();
    await web.signIn(admin, 'member1@demo.mutualis.fr');
    await admin.goto('/organisation');
    await admin.locator('main table a').first().click();
    await admin.waitForURL(/\/organisation\/[0-9a-f-]{36}$/);
    const organisationId = admin.url().split('/').pop()!;
    const invited = `tresorier.${randomUUID().slice(0, 8)}@demo-invite.fr`;
    await admin.getByLabel('Adresse e-mail de la personne').fill(invited);
    await admin.getByRole('button', { name: "Envoyer l'invitation" }).click();
    await admin.getByText(`Invitation envoyée à ${invited}.`).waitFor();

    // The e-mail's link, as the api issues it (the test cannot read the mailbox).
    const bearer = await token('member1@demo.mutualis.fr');
    const issued = await fetch(`${web.baseUrl}/api/organisations/${organisationId}/invitations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ email: invited, role: 'org_member' }),
    });
    expect(issued.status).toBe(201);
    const { acceptUrl } = (await issued.json()) as { acceptUrl: string };

    const person = await web.newPage();
    await person.goto(acceptUrl);
    await person.getByRole('heading', { level: 1, name: /^Rejoindre / }).waitFor();
    await web.screenshot(person, 'invitation-visitor');
    await person.getByRole('main').getByRole('link', { name: 'Créer un compte' }).click();
    await person.waitForURL(/\/register\?/);
    expect(await person.getByLabel('Adresse e-mail').inputValue()).toBe(invited);
    await person.getByLabel('Prénom et nom').fill('Nora Trésorière');
    await person.getByLabel('Mot de passe').fill('la trésorerie est saine');
    await person.getByRole('button', { name: 'Créer mon compte' }).click();
    await person.waitForURL(new URL(acceptUrl).pathname);
    // The invitation binds to the address: it is confirmed from the e-mail first.
    await person.goto(await verificationLink(invited));
    await person.getByText(/Votre adresse e-mail est confirmée/).waitFor();
    await person.goto(acceptUrl);
    await person.getByRole('button', { name: "Accepter l'invitation" }).click();
    await person.waitForURL(/\/organisation$/);
    await person.getByText(/^Vous avez rejoint /).waitFor();
    await person.getByRole('row', { name: /Membre/ }).waitFor();

    const members = (await (
      await fetch(`${web.baseUrl}/api/organisations/${organisationId}/members`, {
        headers: { Authorization: `Bearer ${bearer}` },
      })
    ).json()) as { email: string; role: string }[];
    expect(members).toContainEqual(expect.objectContaining({ email: invited, role: 'org_member' }));
    await web.screenshot(person, 'invitation-accepted');
  });

  it('lets a member turn the session reminders off from the link in every e-mail', async () => {
    const page = await web.newPage();
    await web.signIn(page, 'member2@demo.mutualis.fr');
    await page.goto('/account/notifications');
    const reminders = page.getByLabel(
      'Recevoir un rappel par e-mail deux jours avant chaque session réservée',
    );
    expect(await reminders.isChecked()).toBe(true);
    await reminders.uncheck();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Vos préférences sont enregistrées.' })
      .waitFor();

    const bearer = await token('member2@demo.mutualis.fr');
    const saved = (await (
      await fetch(`${web.baseUrl}/api/me/notification-preferences`, {
        headers: { Authorization: `Bearer ${bearer}` },
      })
    ).json()) as { sessionReminders: boolean };
    expect(saved.sessionReminders).toBe(false);
    await page.reload();
    expect(await reminders.isChecked()).toBe(false);
    await web.screenshot(page, 'notification-preferences');
  });

  it('shows a full session as waitlisted and a consultation with its free slots to book', async () => {
    const page = await web.newPage();
    const catalogue = await search('limit=100');
    const withFull = catalogue.items.find((item) =>
      item.nextSessions.some((session) => session.seatsLeft === 0),
    )!;
    expect(withFull).toBeDefined();
    await page.goto(`/offerings/${withFull.id}`);
    const sessions = page.getByRole('region', { name: 'Prochaines sessions' });
    await sessions.getByText("Complet — liste d'attente").first().waitFor();

    const consultation = catalogue.items.find((item) => item.kind === 'consultation')!;
    const detail = (await (
      await fetch(`${web.baseUrl}/api/offerings/${consultation.id}`)
    ).json()) as OfferingAnswer;
    expect(detail.freeSlots.length).toBeGreaterThan(0);
    await page.goto(`/offerings/${consultation.id}`);
    const slots = page.getByRole('region', { name: 'Créneaux disponibles' });
    const first = slots.getByRole('link', { name: /^Réserver / }).first();
    expect(await first.getAttribute('href')).toBe(
      `/book/${consultation.id}?slot=${detail.freeSlots[0].id}`,
    );
    if (detail.freeSlots.length > 8) {
      expect(await slots.getByRole('link').count()).toBe(8);
      await slots
        .getByRole('button', { name: `Afficher les ${detail.freeSlots.length} créneaux` })
        .click();
      expect(await slots.getByRole('link').count()).toBe(detail.freeSlots.length);
    }
    await web.screenshot(page, 'offering-consultation');
  });
});
