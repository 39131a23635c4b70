import { axeViolations } from './support/axe';
import { DEMO_PASSWORD, startWebHarness, WebHarness } from './support/web-harness';

// A browser flow crosses many pages, each waiting on the api and sometimes the worker.
jest.setTimeout(120_000);

interface OfferingSummary {
  id: string;
  kind: string;
  maxSeatsPerOrganisation: number | null;
  nextSessions: { id: string; seatsLeft: number; registrationDeadline: string }[];
}
interface BookingDocuments {
  convention: { documentId: string; sha256: string; signedByOrganisation: boolean } | null;
}

// An organisation's admin finds the convention of a confirmed training booking on the
// booking's page and signs it (hash shown, consent box); the Chambre's admin sets the training
// settings. Both pages pass axe.
describe('web app: signing a training convention, training settings', () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness('web_training_convention');
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
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async function eventually<T>(read: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (value !== null) return value;
      if (Date.now() > until) throw new Error('timed out waiting for the api');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('lets the organisation’s admin read and sign the convention from the booking’s page', async () => {
    const member = await web.accessToken('member1@demo.mutualis.fr', DEMO_PASSWORD);
    const admin = await web.accessToken('admin@demo.mutualis.fr');
    const me = await call<{ organisations: { id: string; role: string }[] }>(
      'GET',
      '/api/me',
      member,
    );
    const organisationId = me.body.organisations.find((each) => each.role === 'org_admin')!.id;
    const offerings = await call<{ items: OfferingSummary[] }>(
      'GET',
      '/api/offerings?limit=50',
      member,
    );
    const offering = offerings.body.items.find(
      (each) =>
        each.kind === 'training' &&
        each.maxSeatsPerOrganisation === null &&
        each.nextSessions.some(
          (session) =>
            session.seatsLeft >= 1 && new Date(session.registrationDeadline) > new Date(),
        ),
    )!;
    const session = offering.nextSessions.find(
      (each) => each.seatsLeft >= 1 && new Date(each.registrationDeadline) > new Date(),
    )!;
    const booked = await call<{ id: string }>('POST', '/api/bookings', member, {
      organisationId,
      sessionId: session.id,
      attendees: [{ name: 'Léa Dubois', email: 'lea.dubois@jardins-panier.fr' }],
    });
    expect(booked.status).toBe(201);
    const confirmed = await call('POST', `/api/bookings/${booked.body.id}/confirm`, admin, {
      method: 'cheque',
    });
    expect(confirmed.status).toBe(200);
    const issued = await eventually(async () => {
      const documents = await call<BookingDocuments>(
        'GET',
        `/api/bookings/${booked.body.id}/documents`,
        member,
      );
      return documents.body.convention ?? null;
    });

    const page = await web.newPage();
    await web.signIn(page, 'member1@demo.mutualis.fr');
    await page.goto(`/bookings/${booked.body.id}`);
    await page.getByRole('heading', { name: 'Documents de formation' }).waitFor();
    await page.getByRole('heading', { name: 'Signer la convention' }).waitFor();
    await page.getByText(issued.sha256).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Without consent nothing is signed.
    await page.getByRole('button', { name: 'Signer la convention' }).click();
    await page.getByText('Cochez la case pour consentir à la signature.').waitFor();
    await web.screenshot(page, 'training-convention-to-sign');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Votre qualité').fill('Présidente');
    await page.getByRole('checkbox', { name: /J’ai lu la convention/ }).check();
    await page.getByRole('button', { name: 'Signer la convention' }).click();
    await page.getByText('Convention signée : la version signée est enregistrée.').waitFor();
    await page.getByText(/signée par .* \(organisation\)/).waitFor();
    await web.screenshot(page, 'training-convention-signed');
    const after = await call<BookingDocuments>(
      'GET',
      `/api/bookings/${booked.body.id}/documents`,
      member,
    );
    expect(after.body.convention).toMatchObject({ signedByOrganisation: true });
    expect(after.body.convention!.documentId).not.toBe(issued.documentId);

    // The Chambre's signatory signs the newest version from the same page.
    const adminMe = await call<{ id: string }>('GET', '/api/me', admin);
    const named = await call('PUT', '/api/admin/training/settings', admin, {
      signatoryUserId: adminMe.body.id,
      signatoryCapacity: 'Directrice',
    });
    expect(named.status).toBe(200);
    const chambrePage = await web.newPage();
    await web.signIn(chambrePage, 'admin@demo.mutualis.fr');
    await chambrePage.goto(`/bookings/${booked.body.id}`);
    await chambrePage.getByRole('heading', { name: 'Signer la convention' }).waitFor();
    await chambrePage.getByText(after.body.convention!.sha256).waitFor();
    await chambrePage.getByRole('checkbox', { name: /J’ai lu la convention/ }).check();
    await chambrePage.getByRole('button', { name: 'Signer la convention' }).click();
    await chambrePage.getByText('Convention signée : la version signée est enregistrée.').waitFor();
    expect(await axeViolations(chambrePage)).toEqual([]);
    const both = await call<{ convention: { signedByChambre: boolean; version: number } }>(
      'GET',
      `/api/bookings/${booked.body.id}/documents`,
      member,
    );
    expect(both.body.convention).toMatchObject({ signedByChambre: true, version: 3 });
  });

  it('lets the Chambre’s admin set the training settings', async () => {
    const page = await web.newPage();
    await web.signIn(page, 'admin@demo.mutualis.fr');
    await page.goto('/admin/training');
    await page.getByRole('heading', { name: 'Réglages des formations' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Convocation envoyée (jours avant la session)').fill('0');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.locator('.field-error').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Convocation envoyée (jours avant la session)').fill('10');
    await page.getByLabel('Signataire pour la Chambre').selectOption({ index: 1 });
    await page.getByLabel('Qualité imprimée').fill('Directrice');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Réglages enregistrés.').waitFor();
    await web.screenshot(page, 'training-settings');
    const settings = await call<{ convocationDaysBefore: number; signatoryUserId: string | null }>(
      'GET',
      '/api/admin/training/settings',
      await web.accessToken('admin@demo.mutualis.fr'),
    );
    expect(settings.body).toMatchObject({ convocationDaysBefore: 10 });
    expect(settings.body.signatoryUserId).not.toBeNull();
  });
});
