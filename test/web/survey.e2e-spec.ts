import { DataSource } from 'typeorm';
import { insertPublishedSession } from '@mutualis/testing';
import { eventually } from '../support/expectations';
import { axeViolations } from './support/axe';
import { startWebHarness, WebHarness } from './support/web-harness';

// A browser flow crosses many pages, each waiting on the api and sometimes the worker.
jest.setTimeout(180_000);

const PHONE = { width: 375, height: 740 };

/**
 * The satisfaction survey as a trainee meets it: the e-mailed link opens on a phone, without an
 * account; the page asks five scores and a comment, refuses an incomplete answer, thanks once
 * answered and says so again on the same link. Then the consultant reads the results on the
 * session's page and the admin on theirs. Every page without an accessibility violation.
 */
describe('web app: training satisfaction survey', () => {
  let web: WebHarness;
  let db: DataSource;

  beforeAll(async () => {
    web = await startWebHarness('web_survey');
    db = await new DataSource({ type: 'postgres', url: web.environment.databaseUrl }).initialize();
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
    await web?.stop();
  });

  async function call<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
    const response = await fetch(`${web.baseUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  it('answers the hot survey from a phone, then shows the results to the consultant and the admin', async () => {
    const [{ id: consultantId }] = await db.query<{ id: string }[]>(
      `SELECT id FROM users WHERE email = 'consultant1@demo.mutualis.fr'`,
    );
    const { sessionId } = await insertPublishedSession(db, { consultantId });
    const member = await web.accessToken('member1@demo.mutualis.fr');
    const me = await call<{ organisations: { id: string }[] }>('GET', '/api/me', member);
    const trainee = 'camille.survey@test.mutualis.fr';
    const booked = await call<{ id: string }>('POST', '/api/bookings', member, {
      organisationId: me.organisations[0].id,
      sessionId,
      attendees: [{ name: 'Camille Roux', email: trainee }],
    });
    await call(
      'POST',
      `/api/bookings/${booked.id}/confirm`,
      await web.accessToken('finance@demo.mutualis.fr'),
      {
        method: 'cheque',
      },
    );
    // The worker put the surveys on their way; the session then takes place, and the hot
    // survey's due event (scheduled for its end) is delivered now.
    await eventually(
      () => db.query(`SELECT 1 FROM training_survey_schedules WHERE session_id = $1`, [sessionId]),
      (rows) => rows.length === 2,
    );
    await db.query(
      `UPDATE sessions SET starts_at = now() - interval '8 hours', ends_at = now() - interval '1 hour',
                           registration_deadline = now() - interval '9 hours' WHERE id = $1`,
      [sessionId],
    );
    await db.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload)
       VALUES ('training.survey-due', 'session', $1, $2)`,
      [sessionId, JSON.stringify({ sessionId, stage: 'hot' })],
    );
    const mails = await eventually(
      async () => web.smtp.received.filter((caught) => caught.to.includes(trainee)),
      (found) => found.length === 1,
      30_000,
    );
    const link = new RegExp(`${web.baseUrl}/surveys/[A-Za-z0-9_-]{43}`).exec(
      mails[0].mail.text ?? '',
    )?.[0];
    expect(link).toBeDefined();

    const page = await web.newPage({ viewport: PHONE });
    await page.goto(link!);
    await page.getByRole('heading', { name: 'Votre avis sur la formation' }).waitFor();
    expect(await page.getByText('Bonjour Camille Roux').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );

    await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
    expect(await page.getByText('Choisissez une note de 1 à 5.').count()).toBe(5);

    const scores: [string, number][] = [
      ['Votre appréciation générale de la formation', 5],
      ['Les objectifs annoncés ont-ils été atteints ?', 4],
      ['Le contenu (programme, supports, exercices)', 4],
      ['Le formateur ou la formatrice', 5],
      ['L’organisation (accueil, lieu ou outils à distance, horaires)', 3],
    ];
    for (const [question, score] of scores) {
      await page
        .getByRole('group', { name: question })
        .getByText(String(score), { exact: true })
        .click();
    }
    await page
      .getByLabel('Un commentaire, une suggestion ? (facultatif)')
      .fill('Des exemples très concrets, merci.');
    await web.screenshot(page, 'survey-phone-filled');
    await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
    await page.getByText('Merci pour vos réponses').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await web.screenshot(page, 'survey-phone-thanks');

    // The same link again: already answered, no second form.
    await page.reload();
    await page.getByText('Merci pour vos réponses').waitFor();
    expect(await page.getByRole('button', { name: 'Envoyer mes réponses' }).count()).toBe(0);

    const consultant = await web.newPage();
    await web.signIn(consultant, 'consultant1@demo.mutualis.fr');
    await consultant.goto(`/consultant/sessions/${sessionId}`);
    await consultant.getByRole('heading', { name: 'Satisfaction' }).waitFor();
    await consultant.getByText('100 % (1 sur 1)').waitFor();
    await consultant.getByText('Des exemples très concrets, merci.').waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
    await web.screenshot(consultant, 'survey-consultant-results');

    const admin = await web.newPage();
    await web.signIn(admin, 'admin@demo.mutualis.fr');
    await admin.goto('/admin/training/surveys');
    await admin.getByRole('heading', { name: 'Satisfaction des formations' }).waitFor();
    await admin.getByText('Des exemples très concrets, merci.').waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    const download = admin.waitForEvent('download');
    await admin.getByRole('button', { name: 'Télécharger les réponses (CSV)' }).click();
    expect((await download).suggestedFilename()).toBe('satisfaction-toutes.csv');
  });
});
