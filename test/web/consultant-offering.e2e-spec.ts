/// <reference lib="dom" />
// page.evaluate bodies run in the browser.
import { axeViolations } from './support/axe';
import { DEMO_PASSWORD, startWebHarness, WebHarness } from './support/web-harness';

// A browser flow crosses many pages, each waiting on the api and sometimes the worker.
jest.setTimeout(120_000);

// A consultant drafts a training, schedules a session in Paris time and submits it; the
// Chambre's admin publishes it from the moderation queue; then any visitor finds it.
describe('web app: a consultant publishes an offering', () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness('web_consultant');
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
  });

  async function apiAs<T>(email: string | null, path: string): Promise<T> {
    const headers: Record<string, string> = {};
    if (email) {
      const login = await fetch(`${web.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      headers.Authorization = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
    }
    const response = await fetch(`${web.baseUrl}${path}`, { headers });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  it('drafts, schedules and submits an offering that an admin publishes and visitors then find', async () => {
    const consultant = 'consultant1@demo.mutualis.fr';
    const title = `Comptabilité associative pas à pas ${Date.now()}`;
    // A summer date: Paris is at +02:00, so 09:00 there is 07:00 UTC.
    const year = new Date().getUTCFullYear() + 1;

    const page = await web.newPage();
    await web.signIn(page, consultant);
    await page.getByRole('link', { name: 'Mes offres' }).click();
    await page.getByRole('link', { name: 'Nouvelle offre' }).click();
    await page.getByLabel('Titre').fill(title);
    await page
      .getByLabel('Résumé')
      .fill('Tenir les comptes d’une association employeuse, de la saisie au bilan.');
    await page
      .getByLabel('Description détaillée')
      .fill('## Programme\n\n- le plan comptable associatif\n- les fonds dédiés');
    await page.getByLabel('Catégorie').selectOption('formation');
    await page.getByLabel("Type d'offre").selectOption('training');
    await page.getByLabel('13 – Bouches-du-Rhône').check();
    await page.getByLabel('84 – Vaucluse').check();
    await page.getByLabel("Durée d'une session ou d'un créneau (en minutes)").fill('420');
    await page.getByLabel('Prix adhérent (€ HT)').fill('150');
    await page.getByLabel('Prix non adhérent (€ HT)').fill('220,50');
    await page.getByLabel('Places au plus par organisation').fill('3');
    // The training content (R6353-1): without it, the training cannot be submitted.
    await page
      .getByLabel('Objectifs pédagogiques')
      .fill('Tenir la comptabilité courante\nPréparer les comptes annuels');
    await page.getByLabel('Public visé').fill('Trésoriers et salariés administratifs');
    await page.getByLabel('Prérequis').fill('Aucun');
    await page.getByLabel('Module 1 : intitulé').fill('Le plan comptable associatif');
    await page.getByLabel('Module 1 : contenu').fill('Comptes, journaux, fonds dédiés.');
    await page.getByRole('button', { name: 'Ajouter un module' }).click();
    await page.getByLabel('Module 2 : intitulé').fill('Les comptes annuels');
    await page.getByLabel('Module 2 : contenu').fill('Bilan, compte de résultat, annexe.');
    await page.getByLabel('Méthodes pédagogiques').fill('Apports et exercices sur cas réels');
    await page.getByLabel('Modalités d’évaluation').fill('Quiz et exercice corrigé');
    await page
      .getByLabel('Accessibilité aux personnes en situation de handicap')
      .fill('Locaux accessibles ; adaptations sur demande');
    await page.getByLabel('Référent handicap : nom').fill('Sophie Garnier');
    await page.getByLabel('Référent handicap : e-mail').fill('handicap@demo.mutualis.fr');
    await page.getByLabel('Délai d’accès').fill('Inscription jusqu’à la veille');
    await page.getByLabel('À prévoir (facultatif)').fill('Une calculatrice');
    expect(await axeViolations(page)).toEqual([]);
    await web.screenshot(page, 'consultant-offering-training-content');
    await page.getByRole('button', { name: 'Créer le brouillon' }).click();
    await page.waitForURL(/\/consultant\/offerings\/[0-9a-f-]{36}$/);
    const offeringId = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await page.getByRole('status').first().innerText()).toContain('Brouillon créé');

    const draft = await apiAs<{
      status: string;
      memberPriceCents: number;
      nonMemberPriceCents: number;
      departments: string[];
      maxSeatsPerOrganisation: number | null;
    }>(consultant, `/api/offerings/${offeringId}`);
    expect(draft).toMatchObject({
      status: 'draft',
      memberPriceCents: 15_000,
      nonMemberPriceCents: 22_050,
      departments: ['13', '84'],
      maxSeatsPerOrganisation: 3,
    });
    const content = await apiAs<{ pedagogy: unknown }>(consultant, `/api/offerings/${offeringId}`);
    expect(content.pedagogy).toEqual({
      objectives: ['Tenir la comptabilité courante', 'Préparer les comptes annuels'],
      audience: 'Trésoriers et salariés administratifs',
      prerequisites: 'Aucun',
      modules: [
        { title: 'Le plan comptable associatif', content: 'Comptes, journaux, fonds dédiés.' },
        { title: 'Les comptes annuels', content: 'Bilan, compte de résultat, annexe.' },
      ],
      teachingMethods: 'Apports et exercices sur cas réels',
      evaluationMethods: 'Quiz et exercice corrigé',
      accessibility: 'Locaux accessibles ; adaptations sur demande',
      accessibilityReferent: {
        name: 'Sophie Garnier',
        email: 'handicap@demo.mutualis.fr',
        phone: null,
      },
      accessDelay: 'Inscription jusqu’à la veille',
      whatToBring: 'Une calculatrice',
    });

    await page.getByLabel('Début de la session').fill(`${year}-06-18T09:00`);
    // The end follows the offering's 7 hours.
    expect(await page.getByLabel('Fin de la session').inputValue()).toBe(`${year}-06-18T16:00`);
    await page.getByLabel('Nombre de places').fill('10');
    await page
      .getByLabel('Lieu (adresse)')
      .fill('Cité des associations, 93 La Canebière, 13001 Marseille');
    await page.getByRole('button', { name: 'Programmer la session' }).click();
    await page.getByText(/Session du .* programmée\./).waitFor();
    const row = page.getByRole('row', { name: /Cité des associations/ });
    expect(await row.innerText()).toContain('10 sur 10');
    const sessions = await apiAs<{ id: string; startsAt: string; endsAt: string }[]>(
      consultant,
      `/api/offerings/${offeringId}/sessions`,
    );
    expect(sessions).toHaveLength(1);
    expect(new Date(sessions[0].startsAt).toISOString()).toBe(`${year}-06-18T07:00:00.000Z`);
    expect(new Date(sessions[0].endsAt).toISOString()).toBe(`${year}-06-18T14:00:00.000Z`);
    expect(await row.getByRole('link', { name: /Participants/ }).getAttribute('href')).toContain(
      `/consultant/sessions/${sessions[0].id}`,
    );

    await page.getByRole('button', { name: 'Soumettre à la modération' }).click();
    await page.getByText('Offre soumise à la modération.').waitFor();
    expect(await page.getByText('En modération', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Soumettre à la modération' }).count()).toBe(0);
    await web.screenshot(page, 'consultant-offering-submitted');

    const admin = await web.newPage();
    await web.signIn(admin, 'admin@demo.mutualis.fr');
    await admin.goto('/admin/moderation');
    const entry = admin.getByRole('article', { name: title });
    await entry.getByRole('button', { name: 'Publier' }).click();
    // Published, it leaves the queue.
    await entry.waitFor({ state: 'detached' });
    const published = await apiAs<{ status: string }>(consultant, `/api/offerings/${offeringId}`);
    expect(published.status).toBe('published');
    await web.screenshot(admin, 'admin-offering-published');

    const search = await apiAs<{ items: { id: string; title: string }[] }>(
      null,
      `/api/offerings?q=${encodeURIComponent(title)}`,
    );
    expect(search.items.map((item) => item.id)).toContain(offeringId);

    // Its public page states the training content and links the programme PDF.
    const visitor = await web.newPage();
    await visitor.goto(`/offerings/${offeringId}`);
    const programme = visitor.getByRole('region', { name: 'Programme de la formation' });
    await programme.waitFor();
    expect(await programme.innerText()).toContain('Préparer les comptes annuels');
    expect(await programme.innerText()).toContain('Sophie Garnier');
    const pdfHref = await programme
      .getByRole('link', { name: 'Télécharger le programme (PDF)' })
      .getAttribute('href');
    const pdf = await fetch(`${web.baseUrl}${pdfHref}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(await axeViolations(visitor)).toEqual([]);
    await web.screenshot(visitor, 'public-offering-programme');

    await page.goto('/consultant/offerings');
    const card = page.getByRole('article', { name: title });
    await card.getByText('Publiée', { exact: true }).waitFor();
    await web.screenshot(page, 'consultant-offerings-published');

    // Before it begins, the consultant moves the session to another place; trainees already
    // convoked would receive a revised convocation (session.rescheduled).
    await page.goto(`/consultant/sessions/${sessions[0].id}?offering=${offeringId}`);
    await page.getByText('Modifier la date, les horaires ou le lieu').click();
    await page
      .getByLabel('Lieu (adresse)')
      .fill('Maison des associations, 12 rue Colbert, 13001 Marseille');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Enregistrer la modification' }).click();
    await page.getByText(/Session modifiée/).waitFor();
    const moved = await apiAs<{ location: string; startsAt: string }[]>(
      consultant,
      `/api/offerings/${offeringId}/sessions`,
    );
    expect(moved[0]).toMatchObject({
      location: 'Maison des associations, 12 rue Colbert, 13001 Marseille',
      startsAt: sessions[0].startsAt,
    });
    await web.screenshot(page, 'consultant-session-moved');

    // The offering's page, sessions table included, fits a phone without scrolling sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`/consultant/offerings/${offeringId}`);
    await page.getByRole('table', { name: "Sessions de l'offre" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    await web.screenshot(page, 'consultant-offering-phone');
  });
  it('lists the attendees of a full session by organisation, and says plainly that attendance waits for its start', async () => {
    const consultant = 'consultant1@demo.mutualis.fr';
    const mine = await apiAs<{ items: { id: string; kind: string; status: string }[] }>(
      consultant,
      '/api/consultants/me/offerings?limit=100',
    );
    let full: { offeringId: string; sessionId: string } | null = null;
    for (const offering of mine.items.filter((item) => item.kind === 'training')) {
      const sessions = await apiAs<{ id: string; seatsLeft: number; status: string }[]>(
        consultant,
        `/api/offerings/${offering.id}/sessions`,
      );
      const session = sessions.find((item) => item.seatsLeft === 0 && item.status === 'scheduled');
      if (session) {
        full = { offeringId: offering.id, sessionId: session.id };
        break;
      }
    }
    expect(full).not.toBeNull();
    const attendees = await apiAs<{ name: string; email: string; organisationName: string }[]>(
      consultant,
      `/api/sessions/${full!.sessionId}/attendees`,
    );
    expect(attendees.length).toBeGreaterThan(0);

    const page = await web.newPage();
    await web.signIn(page, consultant);
    // Then on a phone's width.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`/consultant/offerings/${full!.offeringId}`);
    await page
      .getByRole('link', { name: /Participants/ })
      .first()
      .waitFor();
    await page.locator(`a[href*="/consultant/sessions/${full!.sessionId}"]`).click();
    await page.getByRole('heading', { level: 1, name: 'Participants de la session' }).waitFor();
    const table = page.getByRole('table', { name: 'Participants par organisation' });
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain(attendees[0].organisationName);
    expect(text).toContain(attendees[0].name);
    expect(text).toContain(attendees[0].email);
    expect(await page.getByText("La session n'a pas encore commencé").first().isVisible()).toBe(
      true,
    );

    await page.getByRole('button', { name: 'Tous présents' }).click();
    await page.getByRole('button', { name: 'Enregistrer les présences' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain(
      "La session n'a pas encore commencé : les présences se notent à partir de son début.",
    );
    const after = await apiAs<{ attendance: string | null }[]>(
      consultant,
      `/api/sessions/${full!.sessionId}/attendees`,
    );
    expect(after.every((attendee) => attendee.attendance === null)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    await web.screenshot(page, 'consultant-session-attendees');
  });
  it('opens weekly consultation slots in Paris time across the change to summer time, and withdraws one', async () => {
    const consultant = 'consultant1@demo.mutualis.fr';
    const mine = await apiAs<{ items: { id: string; kind: string; status: string }[] }>(
      consultant,
      '/api/consultants/me/offerings?limit=100',
    );
    const consultation = mine.items.find(
      (item) => item.kind === 'consultation' && item.status === 'published',
    );
    expect(consultation).toBeDefined();
    const slotsOf = () =>
      apiAs<{ id: string; startsAt: string }[]>(null, `/api/offerings/${consultation!.id}/slots`);
    const before = await slotsOf();

    // The Mondays from 20 March to 5 April next year: the clocks go forward in between.
    const year = new Date().getUTCFullYear() + 1;
    const mondays: string[] = [];
    for (let day = new Date(Date.UTC(year, 2, 20)); day <= new Date(Date.UTC(year, 3, 5));) {
      if (day.getUTCDay() === 1) mondays.push(day.toISOString().slice(0, 10));
      day = new Date(day.getTime() + 86_400_000);
    }

    const page = await web.newPage();
    await web.signIn(page, consultant);
    await page.goto(`/consultant/offerings/${consultation!.id}`);
    await page.getByRole('heading', { name: 'Créneaux de consultation' }).waitFor();
    await page.getByLabel('Du', { exact: true }).fill(`${year}-03-20`);
    await page.getByLabel('Au (inclus)').fill(`${year}-04-05`);
    await page.getByLabel('Lundi').check();
    await page.getByLabel('Heures de début').fill('9h30');
    await page.getByLabel("Durée d'un créneau en minutes (facultatif)").fill('45');
    await page.getByRole('button', { name: 'Ouvrir les créneaux' }).click();
    await page.getByText(`${mondays.length} créneaux ouverts.`).waitFor();

    const opened = (await slotsOf()).filter(
      (slot) => !before.some((earlier) => earlier.id === slot.id),
    );
    expect(opened).toHaveLength(mondays.length);
    const parisTime = new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'Europe/Paris',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(opened.map((slot) => parisTime.format(new Date(slot.startsAt)))).toEqual(
      mondays.map(() => '09:30'),
    );

    const [y, m, d] = mondays[0].split('-');
    await page.getByRole('button', { name: `Retirer le créneau ${d}/${m}/${y} 09:30` }).click();
    await page.getByText(/Créneau du .* retiré\./).waitFor();
    const first = [...opened].sort((one, other) => one.startsAt.localeCompare(other.startsAt))[0];
    expect((await slotsOf()).map((slot) => slot.id)).not.toContain(first.id);
    await web.screenshot(page, 'consultant-consultation-slots');
  });
});
