import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import Stripe from 'stripe';
import { validSiret } from '@mutualis/testing';
import { axeViolations } from './support/axe';
import { startWebHarness, WEBHOOK_SECRET, WebHarness } from './support/web-harness';

// A browser flow crosses many pages, each waiting on the api and sometimes the worker.
jest.setTimeout(180_000);

interface PricedSession {
  id: string;
  startsAt: string;
  seatsLeft: number;
  status: string;
  registrationDeadline: string;
  price: { unitPriceCents: number; memberPrice: boolean };
}
interface OfferingSummary {
  id: string;
  kind: string;
  maxSeatsPerOrganisation: number | null;
  nextSessions: { id: string; seatsLeft: number; registrationDeadline: string; startsAt: string }[];
}
interface MembershipYear {
  year: number;
  status: string;
  invoice: { id: string; number: string | null; amountDueCents: number } | null;
}

/** Spaces as Intl writes them in French (U+202F, U+00A0) compared as plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const parisYear = (iso: string) =>
  Number(
    new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Paris' }).format(
      new Date(iso),
    ),
  );
const signer = new Stripe('sk_test_webhook_signer');

// Memberships through the browser: an organisation applies, the Chambre approves, the fee is
// paid by card and the member price follows; a lapsed organisation is told before booking; the
// import's dry run says which lines it refuses.
describe('web app: memberships', () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness('web_membership');
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
  });

  async function call<T>(
    method: string,
    path: string,
    bearer: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${web.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${bearer}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async function eventually<T>(read: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (value !== null) return value;
      if (Date.now() > until) throw new Error('timed out waiting for the api');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  /** A screenshot of the page, and axe-core's WCAG 2.1 AA check: no violation. */
  async function check(page: Page, name: string) {
    await web.screenshot(page, `membership-${name}`);
    expect((await axeViolations(page)).map((violation) => `${name}: ${violation}`)).toEqual([]);
  }

  /** A bookable training session in a year one may apply for (this one; next one from October). */
  async function bookableSession(
    token: string,
  ): Promise<{ offeringId: string; session: PricedSession }> {
    const search = await call<{ items: OfferingSummary[] }>(
      'GET',
      '/api/offerings?limit=50',
      token,
    );
    const now = new Date();
    const years = new Set([parisYear(now.toISOString())]);
    if (now.getUTCMonth() >= 9) years.add(parisYear(now.toISOString()) + 1);
    for (const offering of search.body.items) {
      if (offering.kind !== 'training' || offering.maxSeatsPerOrganisation !== null) continue;
      const session = offering.nextSessions.find(
        (each) =>
          each.seatsLeft >= 1 &&
          new Date(each.registrationDeadline) > now &&
          years.has(parisYear(each.startsAt)),
      );
      if (!session) continue;
      const detail = await call<{ upcomingSessions: PricedSession[] }>(
        'GET',
        `/api/offerings/${offering.id}`,
        token,
      );
      const priced = detail.body.upcomingSessions.find((each) => each.id === session.id);
      if (priced) return { offeringId: offering.id, session: priced };
    }
    throw new Error('no bookable session in a year one may apply for');
  }

  async function organisationOf(email: string): Promise<string> {
    const token = await web.accessToken(email);
    const me = await call<{ organisations: { id: string }[] }>('GET', '/api/me', token);
    return me.body.organisations[0].id;
  }

  /** The Chambre's grid and charter for the year (the demo may already have them: PUT is idempotent). */
  async function gridAndCharter(year: number) {
    const admin = await web.accessToken('admin@demo.mutualis.fr');
    const families = [
      'association',
      'cooperative',
      'mutual',
      'foundation',
      'commercial_ess',
      'federation',
    ];
    const grid = await call('PUT', `/api/membership/fee-schedules/${year}`, admin, {
      vatTreatment: 'out_of_scope',
      firstYearFeeCents: null,
      prorataFrom: null,
      graceUntil: null,
      reminderDays: [30, 60],
      finalNoticeDays: 75,
      publicBodiesActiveOnApproval: true,
      rates: families.flatMap((family) => [
        { family, basis: 'headcount', lowerBound: 0, upperBound: 10, amountCents: 12_000 },
        { family, basis: 'headcount', lowerBound: 10, upperBound: null, amountCents: 30_000 },
      ]),
    });
    expect(grid.status).toBe(200);
    const charter = await call('GET', '/api/membership/charter', admin);
    if (charter.status !== 200) {
      const published = await call('POST', '/api/membership/charters', admin, {
        title: 'Charte des adhérents',
        body: "Nous adhérons aux valeurs de l'économie sociale et solidaire.\n\nNous participons à la vie de la Chambre.",
      });
      expect(published.status).toBe(201);
    }
  }

  it('an organisation applies, the admin approves, it pays by card and then books at the member price', async () => {
    const memberEmail = 'member3@demo.mutualis.fr';
    const memberToken = await web.accessToken(memberEmail);
    const organisationId = await organisationOf(memberEmail);
    const { offeringId, session } = await bookableSession(memberToken);
    const year = parisYear(session.startsAt);
    const admin = await web.accessToken('admin@demo.mutualis.fr');
    // Whatever the demo says of that year: not a member yet.
    await call('PUT', `/api/organisations/${organisationId}/memberships/${year}`, admin, {
      status: 'lapsed',
      feeCents: 0,
    });
    await gridAndCharter(year);

    // The member applies from its Adhésion page.
    const page = await web.newPage();
    await web.signIn(page, memberEmail);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Adhésion' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Adhésion' }).waitFor();
    const form = page.getByRole('form', { name: 'Adhérer / Renouveler' });
    const yearChoice = form.getByLabel("Année d'adhésion");
    if (await yearChoice.count()) await yearChoice.selectOption(String(year));
    await form.getByLabel('Famille').selectOption('cooperative');
    await form.getByLabel('Effectif salarié').fill('12');
    await form.getByLabel('Nom du contact').fill('Inès Moreau');
    await form.getByLabel('E-mail du contact').fill('ines.moreau@energies-azur.demo.mutualis.fr');
    // The grid's line is shown before sending.
    await form.getByText('Cotisation indicative').waitFor();
    expect(plain(await form.innerText())).toContain('300,00 €');
    // Sending without accepting the charter is refused on the page, and said.
    await form.getByRole('button', { name: "Envoyer la demande d'adhésion" }).click();
    await form.getByText('Cochez la case pour accepter la charte.').waitFor();
    await check(page, 'apply-form');
    await form.getByLabel(/J'ai lu et j'accepte la charte/).check();
    await form.getByRole('button', { name: "Envoyer la demande d'adhésion" }).click();
    await page.getByText(`Votre demande d'adhésion ${year} est envoyée.`).waitFor();
    await page.getByText('En attente de décision').first().waitFor();

    // The Chambre's admin approves it from the queue.
    const adminPage = await web.newPage();
    await web.signIn(adminPage, 'admin@demo.mutualis.fr');
    await adminPage.goto('/admin/membership');
    await adminPage.getByRole('heading', { level: 1, name: "Demandes d'adhésion" }).waitFor();
    const card = adminPage.getByRole('article', { name: /SCIC Énergies Citoyennes Azur/ });
    await card.waitFor();
    await check(adminPage, 'admin-applications');
    await card.getByRole('button', { name: /^Accepter l'adhésion/ }).click();
    await adminPage.getByText(/acceptée ; la facture de cotisation/).waitFor();

    // The invoice is on the member's page, with the transfer reference; the member pays by card.
    const unpaid = await eventually(async () => {
      const years = await call<MembershipYear[]>(
        'GET',
        `/api/organisations/${organisationId}/membership-years`,
        memberToken,
      );
      const found = years.body.find((each) => each.year === year);
      return found?.invoice?.number ? found : null;
    });
    expect(unpaid.invoice!.amountDueCents).toBe(30_000);
    await page.reload();
    const yearCard = page.getByRole('region', { name: `Adhésion ${year}` });
    await yearCard.getByText('À payer', { exact: true }).waitFor();
    await yearCard.getByText(/^RF\d{2}/).waitFor();
    await check(page, 'member-unpaid');

    // Stripe's hosted page is the stand-in's: the browser lands on a blank page we answer.
    await page.route('https://checkout.stripe.com/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Stripe</title><p>Checkout</p>' }),
    );
    await yearCard.getByRole('button', { name: 'Payer par carte' }).click();
    await page.waitForURL(/checkout\.stripe\.com\/c\/pay\//);
    const checkoutId = new URL(page.url()).pathname.split('/').at(-1)!;
    const event = web.stripe.event(
      'checkout.session.completed',
      web.stripe.completeCheckoutSession(checkoutId, 'paid'),
    );
    const payload = JSON.stringify(event);
    const delivered = await fetch(`${web.baseUrl}/api/webhooks/stripe`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Stripe-Signature': signer.webhooks.generateTestHeaderString({
          payload,
          secret: WEBHOOK_SECRET,
        }),
      },
      body: payload,
    });
    expect(delivered.status).toBe(200);

    // Paid: the year is active, and the certificate is there.
    await eventually(async () => {
      const years = await call<MembershipYear[]>(
        'GET',
        `/api/organisations/${organisationId}/membership-years`,
        memberToken,
      );
      return years.body.find((each) => each.year === year && each.status === 'active') ?? null;
    });
    // Stripe sends the member back to the invoice, which leads to the Adhésion page.
    await page.goto(`/invoices/${unpaid.invoice!.id}?paid=1`);
    await page.getByRole('link', { name: 'Voir mon adhésion' }).click();
    const active = page.getByRole('region', { name: `Adhésion ${year}` });
    await active.getByText('Active', { exact: true }).waitFor();
    const downloaded = page.waitForEvent('download');
    await active
      .getByRole('button', { name: `Télécharger l'attestation d'adhésion ${year}` })
      .click();
    const certificate = readFileSync(await (await downloaded).path());
    expect(certificate.subarray(0, 4).toString('latin1')).toBe('%PDF');
    await check(page, 'member-active');

    // The booking page now prices the session at the member price, with no notice.
    await page.goto(`/book/${offeringId}?session=${session.id}`);
    const price = page.getByRole('region', { name: 'Prix' });
    await price.getByText('Tarif adhérent', { exact: true }).waitFor();
    expect(
      await page.getByText(/n'est pas active : le tarif non-adhérent s'applique/).count(),
    ).toBe(0);
    await page.getByLabel('Nom du participant 1').fill('Inès Moreau');
    await page
      .getByLabel('E-mail du participant 1')
      .fill('ines.moreau@energies-azur.demo.mutualis.fr');
    await page.getByRole('button', { name: /^Réserver/ }).click();
    await page
      .getByText(/Votre place est retenue|Vos \d+ places sont retenues|Réservation confirmée/)
      .first()
      .waitFor();
    const bookings = await call<{ items: { sessionId: string | null; memberPrice: boolean }[] }>(
      'GET',
      '/api/bookings?limit=100',
      memberToken,
    );
    expect(bookings.body.items.find((each) => each.sessionId === session.id)?.memberPrice).toBe(
      true,
    );
  });

  it('a lapsed organisation sees the non-member price and why, before booking', async () => {
    const memberEmail = 'member4@demo.mutualis.fr';
    const memberToken = await web.accessToken(memberEmail);
    const organisationId = await organisationOf(memberEmail);
    const { offeringId, session } = await bookableSession(memberToken);
    const year = parisYear(session.startsAt);
    const admin = await web.accessToken('admin@demo.mutualis.fr');
    await call('PUT', `/api/organisations/${organisationId}/memberships/${year}`, admin, {
      status: 'lapsed',
      feeCents: 45_000,
    });

    const page = await web.newPage();
    await web.signIn(page, memberEmail);
    await page.goto(`/book/${offeringId}?session=${session.id}`);
    const price = page.getByRole('region', { name: 'Prix' });
    await price.getByText('Tarif non adhérent', { exact: true }).waitFor();
    const notice = price.getByRole('note');
    await notice
      .getByText(`Votre adhésion ${year} n'est pas active : le tarif non-adhérent s'applique`)
      .waitFor();
    await notice.getByText(`Votre adhésion ${year} est échue faute de paiement.`).waitFor();
    await check(page, 'booking-lapsed');
    await notice.getByRole('link', { name: 'Voir ma page Adhésion' }).click();
    await page.getByRole('heading', { level: 1, name: 'Adhésion' }).waitFor();
    await page
      .getByRole('region', { name: `Adhésion ${year}` })
      .getByText('Échue (non renouvelée)')
      .waitFor();
    await check(page, 'member-lapsed');
  });

  it('the import dry run shows which lines it refuses and why', async () => {
    const good = validSiret();
    const csv = [
      'SIRET;RNA;Raison sociale;Forme juridique;Adresse;Code postal;Ville;E-mail de contact;Cotisation;Années payées',
      `${good};;Les Ateliers Réunis;SCOP;12 rue de la Paix;13001;Marseille;contact@ateliers.fr;"1 200,50";2025`,
      `12345678901234;;Siret Faux;SCOP;1 rue A;13001;Marseille;a@b.fr;10;2025`,
      `${validSiret()};;Forme Inconnue;Société anonyme;1 rue A;13001;Marseille;a@b.fr;10;2025`,
    ].join('\n');

    const page = await web.newPage();
    await web.signIn(page, 'admin@demo.mutualis.fr');
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Adhésions' }).click();
    await page
      .getByRole('navigation', { name: 'Pages des adhésions' })
      .getByRole('link', { name: 'Import' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Import des membres' }).waitFor();
    // Without a file: said beside the field.
    await page.getByRole('button', { name: 'Vérifier le fichier (essai à blanc)' }).click();
    await page.getByText('Choisissez un fichier CSV.').waitFor();
    await page.getByLabel('Fichier CSV').setInputFiles({
      name: 'membres.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByRole('button', { name: 'Vérifier le fichier (essai à blanc)' }).click();
    await page.getByRole('heading', { name: "Rapport de l'essai à blanc : membres.csv" }).waitFor();
    const table = page.getByRole('table', {
      name: "Lignes du fichier et ce que l'import en ferait",
    });
    const refused = table.locator('tr.refused-line');
    expect(await refused.count()).toBe(2);
    expect(plain(await refused.nth(0).innerText())).toMatch(
      /Refusée[\s\S]*SIRET invalide « 12345678901234 »/,
    );
    expect(plain(await refused.nth(1).innerText())).toMatch(
      /Refusée[\s\S]*forme juridique inconnue « Société anonyme »/,
    );
    expect(
      plain(await table.getByRole('row', { name: /Les Ateliers Réunis/ }).innerText()),
    ).toContain('À créer');
    await check(page, 'import-dry-run');

    // The fee grid editor: a bracket overlapping another is said on its cell; fixed, it saves.
    const gridYear = new Date().getUTCFullYear() + 2;
    await page.goto(`/admin/membership/fees?year=${gridYear}`);
    await page
      .getByRole('heading', { level: 1, name: `Grille des cotisations ${gridYear}` })
      .waitFor();
    await page.getByText(`Aucune grille pour ${gridYear}`).waitFor();
    await page.getByLabel('Cotisation (€), ligne 1').fill('120');
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await page.getByLabel('Cotisation (€), ligne 2').fill('250');
    await page.getByRole('button', { name: `Enregistrer la grille ${gridYear}` }).click();
    await page
      .getByText("La grille n'est pas enregistrée : corrigez les champs signalés.")
      .waitFor();
    expect(
      await page
        .getByText('Chevauche une autre tranche de cette famille et de ce critère.')
        .count(),
    ).toBe(2);
    await check(page, 'admin-fees-errors');
    await page.getByLabel("Effectif jusqu'à (exclu), ligne 1").fill('10');
    await page.getByLabel('Effectif à partir de, ligne 2').fill('10');
    await page.getByRole('button', { name: `Enregistrer la grille ${gridYear}` }).click();
    await page.getByText(`Grille des cotisations ${gridYear} enregistrée.`).waitFor();
    await page.getByText('Mention imprimée sur les factures :').waitFor();
    const saved = await call<{
      rates: { lowerBound: number; upperBound: number | null; amountCents: number }[];
    }>(
      'GET',
      `/api/membership/fee-schedules/${gridYear}`,
      await web.accessToken('admin@demo.mutualis.fr'),
    );
    expect(saved.body.rates).toEqual([
      expect.objectContaining({ lowerBound: 0, upperBound: 10, amountCents: 12_000 }),
      expect.objectContaining({ lowerBound: 10, upperBound: null, amountCents: 25_000 }),
    ]);
    await check(page, 'admin-fees');

    // The other admin pages open and pass the accessibility check too.
    for (const [path, heading, name] of [
      ['/admin/membership/members', /^Membres \d{4}$/, 'admin-members'],
      ['/admin/membership/campaigns', 'Campagne de renouvellement', 'admin-campaigns'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      await check(page, name);
    }
  });

  it('the admin refuses an application with a reason, which the organisation then reads', async () => {
    const memberEmail = 'member5@demo.mutualis.fr';
    const memberToken = await web.accessToken(memberEmail);
    const organisationId = await organisationOf(memberEmail);
    const year = parisYear(new Date().toISOString()) + 1;
    await gridAndCharter(year);
    const charter = await call<{ version: number }>('GET', '/api/membership/charter', memberToken);
    const applied = await call(
      'POST',
      `/api/organisations/${organisationId}/membership-applications`,
      memberToken,
      {
        year,
        family: 'foundation',
        headcount: 3,
        contactName: 'Amandine Chabert',
        contactEmail: 'gestion@alpes-solidaires.demo.mutualis.fr',
        charterVersion: charter.body.version,
        acceptCharter: true,
      },
    );
    expect(applied.status).toBe(201);

    const adminPage = await web.newPage();
    await web.signIn(adminPage, 'admin@demo.mutualis.fr');
    await adminPage.goto('/admin/membership');
    const card = adminPage.getByRole('article', { name: /Fondation Alpes Solidaires/ });
    await card.getByRole('button', { name: /^Refuser l'adhésion/ }).click();
    // The reason is required, and said so.
    await card.getByRole('button', { name: 'Confirmer le refus' }).click();
    await card.getByText('Ce champ est obligatoire.').waitFor();
    await card
      .getByLabel('Motif du refus')
      .fill("Le siège de la fondation n'est pas dans la région.");
    await card.getByRole('button', { name: 'Confirmer le refus' }).click();
    await adminPage.getByText(/refusée ; l'organisation est prévenue par e-mail/).waitFor();

    const page = await web.newPage();
    await web.signIn(page, memberEmail);
    await page.goto('/membership');
    const refused = page
      .getByRole('listitem')
      .filter({ hasText: `Renouvellement ${year}` })
      .or(page.getByRole('listitem').filter({ hasText: `Adhésion ${year}` }));
    await refused.getByText('Refusée', { exact: true }).waitFor();
    expect(plain(await refused.innerText())).toContain(
      "Motif du refus\nLe siège de la fondation n'est pas dans la région.",
    );
    await check(page, 'member-refused');
  });

  it('the renewal campaign shows its progress live, its failures and a retry', async () => {
    const year = parisYear(new Date().toISOString()) + 1;
    await gridAndCharter(year);
    const page = await web.newPage();
    await web.signIn(page, 'admin@demo.mutualis.fr');
    await page.goto(`/admin/membership/campaigns?year=${year}`);
    await page.getByRole('heading', { level: 1, name: 'Campagne de renouvellement' }).waitFor();
    await page.getByRole('button', { name: `Lancer la campagne ${year}` }).click();
    const progress = page.getByRole('region', { name: new RegExp(`^Campagne ${year}`) });
    await progress.getByRole('progressbar', { name: 'Avancement de la campagne' }).waitFor();
    // Polled every 2 s until the worker is done with every organisation.
    await progress.getByText('Terminée', { exact: true }).waitFor({ timeout: 60_000 });
    const counts = plain(await progress.innerText());
    const [, done, total] = /(\d+) organisations traitées sur (\d+)/.exec(counts)!;
    expect(done).toBe(total);
    expect(Number(total)).toBeGreaterThan(0);
    // Launching once per year: the button says so and stays off.
    expect(
      await page.getByRole('button', { name: `Lancer la campagne ${year}` }).isDisabled(),
    ).toBe(true);
    const failures = progress.getByRole('table', { name: 'Échecs' });
    if (await failures.count()) {
      await progress.getByRole('button', { name: 'Relancer les échecs' }).click();
      await progress.getByText('Les échecs sont relancés.').waitFor();
    }
    await check(page, 'admin-campaign-progress');

    // The year's members: those the campaign invoiced are unpaid until they pay.
    await page.goto(`/admin/membership/members?year=${year}&status=unpaid`);
    await page.getByRole('heading', { level: 1, name: `Membres ${year}` }).waitFor();
    await page.waitForLoadState('networkidle');
    await check(page, 'admin-members-unpaid');

    // One organisation's history, on its admin page.
    await page.goto(`/admin/organisations/${await organisationOf('member3@demo.mutualis.fr')}`);
    const history = page.getByRole('region', { name: "Historique d'adhésion" });
    await history
      .getByRole('table', { name: 'Adhésion année par année, avec sa facture' })
      .waitFor();
    await page.waitForLoadState('networkidle');
    await check(page, 'admin-organisation-history');

    // An organisation leaves: its year is cancelled with a reason (its invoice credited).
    const thisYear = year - 1;
    await page.goto(`/admin/organisations/${await organisationOf('member2@demo.mutualis.fr')}`);
    const leaving = page.getByRole('region', { name: "Historique d'adhésion" });
    await leaving.getByRole('button', { name: `Résilier ${thisYear}` }).click();
    const form = page.getByRole('form', { name: `Résilier l'adhésion ${thisYear}` });
    await form.getByRole('button', { name: `Confirmer la résiliation ${thisYear}` }).click();
    await form.getByText('Ce champ est obligatoire.').waitFor();
    await check(page, 'admin-cancel-membership');
    await form.getByLabel('Motif de la résiliation').fill("L'atelier a fermé.");
    await form.getByRole('button', { name: `Confirmer la résiliation ${thisYear}` }).click();
    await leaving
      .getByText(new RegExp(`Adhésion ${thisYear} résiliée ; avoir émis pour`))
      .waitFor();
    await leaving
      .getByRole('row', { name: new RegExp(`^${thisYear}`) })
      .getByText('Résiliée', { exact: true })
      .waitFor();
  });
});
