import { Page } from 'playwright-core';
import { extractEmbeddedFile } from '../support/factur-x-pdf';
import { startWebHarness, WebHarness } from './support/web-harness';
import { axeViolations } from './support/axe';

// Booking, a worker's invoice and its deposit on the Chorus Pro stand-in: a long flow on a
// loaded machine.
jest.setTimeout(240_000);

const MAYOR = 'member6@demo.mutualis.fr';
const ADMIN = 'admin@demo.mutualis.fr';
const FINANCE = 'finance@demo.mutualis.fr';
const COMMUNE = 'Commune de Lourmarin (démo)';
const ENGAGEMENT_NUMBER = 'EJ-TEST-0001';
const ENGAGEMENT_LABEL = "Numéro d'engagement juridique";
const ENGAGEMENT_MISSING =
  "Indiquez le numéro d'engagement juridique : la structure Chorus Pro de votre organisme l'exige.";

interface OfferingSummary {
  id: string;
  kind: string;
  maxSeatsPerOrganisation: number | null;
  nextSessions: { id: string; seatsLeft: number; status: string; registrationDeadline: string }[];
}
interface Booking {
  id: string;
  sessionId: string | null;
  status: string;
  engagementNumber: string | null;
}
interface Invoice {
  id: string;
  number: string | null;
  bookingId: string | null;
  status: string;
}
interface Transmission {
  channel: string;
  lifecycle: { status: string }[];
}

/** The texts of the elements that describe a control (its hint and its error). */
async function descriptionOf(page: Page, label: string): Promise<string[]> {
  const ids = (await page.getByLabel(label).getAttribute('aria-describedby')) ?? '';
  return Promise.all(
    ids
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).innerText()),
  );
}

// A public body (the demo's commune) books in the browser with the engagement number its Chorus
// Pro structure requires; the Chambre confirms it on the administrative mandate; the worker's
// invoice carries the number to Chorus Pro, where finance and the commune follow its statuses.
describe('web app: a public buyer books with its Chorus Pro references', () => {
  let web: WebHarness;

  beforeAll(async () => {
    // The production limits of unpaid places (the test default is unlimited), so that the booked
    // page's screenshot says what a commune reads.
    web = await startWebHarness('web_public_buyer', {
      BOOKING_UNPAID_PLACES_PER_ORGANISATION: '10',
      BOOKING_UNPAID_PLACES_PER_USER: '10',
    });
  }, 180_000);

  afterAll(async () => {
    await web?.stop();
  });

  async function api<T>(
    method: 'GET' | 'POST',
    path: string,
    email: string,
    body?: unknown,
  ): Promise<T> {
    const response = await fetch(`${web.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await web.accessToken(email)}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    expect({ method, path, status: response.status, text }).toMatchObject({ status: 200 });
    return JSON.parse(text) as T;
  }

  /** Polls until `read` answers something (the worker issues and deposits after commit). */
  async function eventually<T>(
    what: string,
    read: () => Promise<T | null | undefined>,
    timeoutMs = 60_000,
  ): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (value !== null && value !== undefined) return value;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  const mayorsBookings = async () =>
    (await api<{ items: Booking[] }>('GET', '/api/bookings?limit=100', MAYOR)).items;

  it('asks for the engagement number, books with it, and its invoice reaches Chorus Pro carrying it', async () => {
    const violations: string[] = [];
    const check = async (page: Page, name: string) =>
      violations.push(...(await axeViolations(page)).map((violation) => `${name}: ${violation}`));

    // A published training session still open to registration, without a per-organisation cap.
    const catalogue = await api<{ items: OfferingSummary[] }>(
      'GET',
      '/api/offerings?limit=50',
      MAYOR,
    );
    const offering = catalogue.items.find(
      (each) =>
        each.kind === 'training' &&
        each.maxSeatsPerOrganisation === null &&
        each.nextSessions.some(
          (session) =>
            session.status === 'scheduled' &&
            session.seatsLeft >= 1 &&
            new Date(session.registrationDeadline) > new Date(),
        ),
    );
    expect(offering).toBeDefined();
    const session = offering!.nextSessions.find(
      (each) =>
        each.status === 'scheduled' &&
        each.seatsLeft >= 1 &&
        new Date(each.registrationDeadline) > new Date(),
    )!;
    const bookingsBefore = await mayorsBookings();

    // 1. The booking form asks for the Chorus Pro references the commune's structure requires.
    const mayor = await web.newPage();
    await web.signIn(mayor, MAYOR);
    await mayor.goto(`/book/${offering!.id}?session=${session.id}`);
    const references = mayor.getByRole('group', { name: 'Références Chorus Pro' });
    await references.waitFor();
    expect(await mayor.getByRole('radio', { checked: true }).getAttribute('value')).toBe(
      session.id,
    );
    const engagement = mayor.getByLabel(ENGAGEMENT_LABEL);
    expect(await engagement.getAttribute('required')).not.toBeNull();
    // Not required by the commune's structure: not asked.
    expect(await mayor.getByLabel('Code service').count()).toBe(0);
    await mayor.getByLabel('Nom du participant 1').fill('Bernard Issautier');
    await mayor.getByLabel('E-mail du participant 1').fill('bernard.issautier@lourmarin.fr');
    await check(mayor, 'form');
    await web.screenshot(mayor, 'public-buyer-form');

    // Without the engagement number: said on its field, and nothing is booked.
    await mayor.getByRole('button', { name: /^Réserver/ }).click();
    await mayor.getByText(ENGAGEMENT_MISSING).waitFor();
    expect(await engagement.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(mayor, ENGAGEMENT_LABEL)).toContain(ENGAGEMENT_MISSING);
    await check(mayor, 'form with the error');
    await web.screenshot(mayor, 'public-buyer-form-missing-engagement');
    expect((await mayorsBookings()).map((each) => each.id).sort()).toEqual(
      bookingsBefore.map((each) => each.id).sort(),
    );

    // With it: the seat is held, awaiting the Chambre (the administrative mandate) or a payment.
    await engagement.fill(ENGAGEMENT_NUMBER);
    await mayor.getByRole('button', { name: /^Réserver/ }).click();
    await mayor.getByText('Votre place est retenue.').waitFor();
    await mayor.getByText('Vous pouvez encore retenir 9 places sans payer').waitFor();
    await mayor.getByRole('region', { name: 'Paiement' }).waitFor();
    await check(mayor, 'booked');
    await web.screenshot(mayor, 'public-buyer-booked');
    const booked = (await mayorsBookings()).filter(
      (each) => !bookingsBefore.some((before) => before.id === each.id),
    );
    expect(booked).toEqual([
      expect.objectContaining({
        sessionId: session.id,
        status: 'pending_payment',
        engagementNumber: ENGAGEMENT_NUMBER,
      }),
    ]);
    const bookingId = booked[0].id;

    // 2. The Chambre confirms it on the commune's administrative mandate; the worker issues the
    // invoice and deposits it on Chorus Pro.
    expect(
      await api<Booking>('POST', `/api/bookings/${bookingId}/confirm`, ADMIN, {
        method: 'administrative_mandate',
      }),
    ).toMatchObject({ status: 'confirmed' });
    const invoice = await eventually('the invoice', async () => {
      const { items } = await api<{ items: Invoice[] }>('GET', '/api/invoices?limit=100', MAYOR);
      return items.find((each) => each.bookingId === bookingId && each.number !== null);
    });
    const transmission = await eventually('the deposit on Chorus Pro', async () => {
      const read = await api<Transmission>(
        'GET',
        `/api/invoices/${invoice.id}/transmission`,
        FINANCE,
      );
      return read.lifecycle.some((event) => event.status === 'deposited') ? read : null;
    });
    expect(transmission.channel).toBe('chorus_pro');
    const deposits = web.chorusPro.deposits.filter(
      (deposit) => deposit.numeroFacture === invoice.number,
    );
    expect(deposits).toHaveLength(1);
    expect(deposits[0].syntaxeFlux).toBe('IN_DP_E2_CII_FACTURX');
    // BT-13 in the Factur-X XML attached to the deposited PDF.
    const xml = extractEmbeddedFile(deposits[0].content).toString('utf8');
    expect(xml).toMatch(
      new RegExp(
        `<ram:BuyerOrderReferencedDocument>\\s*<ram:IssuerAssignedID>${ENGAGEMENT_NUMBER}</ram:IssuerAssignedID>`,
      ),
    );

    // Finance: the transmission listed on Chorus Pro, and the invoice's status history.
    const finance = await web.newPage();
    await web.signIn(finance, FINANCE);
    await finance.goto('/finance/transmissions');
    await finance.getByRole('heading', { level: 1, name: 'Transmissions Chorus Pro' }).waitFor();
    const row = finance.getByRole('row').filter({ hasText: invoice.number! });
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain(COMMUNE);
    expect(rowText).toContain('Chorus Pro');
    expect(rowText).toContain('Déposée');
    await check(finance, 'transmissions');
    await web.screenshot(finance, 'public-buyer-finance-transmissions');

    await row.getByRole('link', { name: invoice.number! }).click();
    await finance.getByRole('heading', { level: 1, name: `Facture ${invoice.number}` }).waitFor();
    const history = finance.getByRole('region', { name: 'Transmission et statuts' });
    await history.getByRole('listitem').filter({ hasText: 'Déposée' }).waitFor();
    expect(await history.innerText()).toContain('Chorus Pro');
    // The references it was filed under, as the invoice carries them.
    expect(await history.innerText()).toMatch(/Numéro d'engagement juridique\s+EJ-TEST-0001/);
    const statuses = await history.getByRole('listitem').locator('.badge').allTextContents();
    expect(statuses.slice(0, 2)).toEqual(['Émise', 'Déposée']);
    await check(finance, 'finance invoice');
    await web.screenshot(finance, 'public-buyer-finance-invoice');

    // 3. The commune sees on its invoice how it was transmitted and where it stands.
    await mayor.goto(`/invoices/${invoice.id}`);
    await mayor.getByRole('heading', { level: 1, name: `Facture ${invoice.number}` }).waitFor();
    const itsHistory = mayor.getByRole('region', { name: 'Transmission et statuts' });
    await itsHistory.getByRole('listitem').filter({ hasText: 'Déposée' }).waitFor();
    expect(await itsHistory.innerText()).toContain('Chorus Pro');
    expect(await itsHistory.innerText()).toMatch(/Numéro d'engagement juridique\s+EJ-TEST-0001/);
    expect(
      (await itsHistory.getByRole('listitem').locator('.badge').allTextContents()).slice(0, 2),
    ).toEqual(['Émise', 'Déposée']);
    await check(mayor, 'member invoice');
    await web.screenshot(mayor, 'public-buyer-member-invoice');

    expect(violations).toEqual([]);
  });
});
