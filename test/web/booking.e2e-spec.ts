import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, startWebHarness, WebHarness } from './support/web-harness';
import { formatMoney } from '../../apps/web/src/lib/format';

// A browser flow crosses many pages, each waiting on the api and sometimes the worker.
jest.setTimeout(120_000);

interface Session {
  id: string;
  seatsLeft: number;
  status: string;
  registrationDeadline: string;
}
interface OfferingSummary {
  id: string;
  title: string;
  kind: string;
  maxSeatsPerOrganisation: number | null;
  nextSessions: Session[];
}
interface Booking {
  id: string;
  sessionId: string | null;
  status: string;
  seats: number;
  totalInclVatCents: number;
  serviceStartsAt: string;
  refund: { percent: number; amountCents: number } | null;
}
interface Invoice {
  id: string;
  number: string | null;
  bookingId: string | null;
  paymentReference: string;
  totalInclVatCents: number;
  pdfAvailable: boolean;
}

/** Spaces as Intl writes them in French (U+202F, U+00A0) compared as plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const euros = (cents: number) => plain(formatMoney(cents, 'fr'));

// A member books two named seats, pays by bank transfer and downloads the invoice; another
// cancels a paid booking after seeing the refund it will get.
describe('web app: booking, paying by transfer, invoices, cancelling', () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness('web_booking');
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
  });

  async function token(email: string): Promise<string> {
    const response = await fetch(`${web.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  async function apiGet<T>(path: string, bearer?: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${web.baseUrl}${path}`, {
      headers: bearer ? { Authorization: `Bearer ${bearer}` } : {},
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Waits until the api answers what `ready` looks for (the worker issues invoices after commit). */
  async function eventually<T>(read: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (value !== null) return value;
      if (Date.now() > until) throw new Error('timed out waiting for the api');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Clicks the PDF button until the worker has rendered the PDF; answers the file's bytes. */
  async function downloadPdf(page: Page, number: string): Promise<Buffer> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const button = page.getByRole('button', {
        name: new RegExp(`^(Télécharger|Réessayer) le PDF ${number}$`),
      });
      const downloaded = page.waitForEvent('download', { timeout: 5_000 }).catch(() => null);
      await button.click();
      const download = await downloaded;
      if (download) return readFileSync(await download.path());
      await page.getByText('Le PDF est en cours de préparation').waitFor();
      await page.waitForTimeout(1_000);
    }
    throw new Error(`the PDF of ${number} never became ready`);
  }

  it('books two named seats, pays by bank transfer, then finds and downloads the invoice', async () => {
    const search = await apiGet<{ items: OfferingSummary[] }>('/api/offerings?limit=50');
    const offering = search.body.items.find(
      (each) =>
        each.kind === 'training' &&
        each.maxSeatsPerOrganisation === null &&
        each.nextSessions.some(
          (session) =>
            session.seatsLeft >= 2 && new Date(session.registrationDeadline) > new Date(),
        ),
    );
    expect(offering).toBeDefined();

    const page = await web.newPage();
    await web.signIn(page, 'member1@demo.mutualis.fr');
    await page.goto(`/offerings/${offering!.id}`);
    await page
      .getByRole('link', { name: /^Réserver / })
      .first()
      .click();
    await page.waitForURL(/\/book\/[^/]+\?session=/);
    const sessionId = new URL(page.url()).searchParams.get('session')!;
    const bookingPage = await apiGet<{
      upcomingSessions: (Session & { price: { unitPriceCents: number; memberPrice: boolean } })[];
      vatTreatment: string;
    }>(`/api/offerings/${offering!.id}`, await token('member1@demo.mutualis.fr'));
    const session = bookingPage.body.upcomingSessions.find((each) => each.id === sessionId)!;
    expect(session.price.memberPrice).toBe(true);

    // The session from the link is chosen; two attendees are named.
    expect(await page.getByRole('radio', { checked: true }).getAttribute('value')).toBe(sessionId);
    await page.getByLabel('Nom du participant 1').fill('Léa Dubois');
    await page.getByLabel('E-mail du participant 1').fill('lea.dubois@jardins-panier.fr');
    await page.getByRole('button', { name: 'Ajouter un participant' }).click();
    await page.getByLabel('Nom du participant 2').fill('Hugo Lefèvre');
    await page.getByLabel('E-mail du participant 2').fill('hugo.lefevre@jardins-panier.fr');

    // The price of 2 seats, at the member price, before booking.
    const unit = session.price.unitPriceCents;
    const vat = bookingPage.body.vatTreatment === 'standard' ? Math.round(unit * 2 * 0.2) : 0;
    const price = plain(await page.getByRole('region', { name: 'Prix' }).innerText());
    expect(price).toContain(euros(unit));
    expect(price).toContain('Tarif adhérent');
    expect(price).toMatch(/Places\s+2/);
    expect(price).toContain(`Total HT\n${euros(unit * 2)}`);
    expect(price).toContain(`Total TTC\n${euros(unit * 2 + vat)}`);

    await web.screenshot(page, 'booking-form');
    await page.getByRole('button', { name: /^Réserver/ }).click();
    await page.getByText('Vos 2 places sont retenues.').waitFor();
    await page.getByLabel('Virement bancaire').check();
    await page.getByRole('button', { name: 'Payer par virement' }).click();

    // The reference to quote, the amount, and the Chambre's bank details from the issued invoice.
    const transfer = page.getByRole('region', { name: 'Paiement par virement' });
    await transfer.getByText('IBAN').waitFor();
    const shown = plain(await transfer.innerText());
    const member1 = await token('member1@demo.mutualis.fr');
    const bookings = await apiGet<{ items: Booking[] }>('/api/bookings?limit=100', member1);
    const booking = bookings.body.items.find((each) => each.sessionId === sessionId);
    const invoice = await eventually(async () => {
      const list = await apiGet<{ items: Invoice[] }>('/api/invoices?limit=100', member1);
      return list.body.items.find((each) => each.bookingId === booking?.id) ?? null;
    });
    // Paying by transfer confirms the seats at once; the invoice is due by its due date.
    expect(booking).toMatchObject({
      status: 'confirmed',
      seats: 2,
      totalInclVatCents: unit * 2 + vat,
    });
    expect(invoice.totalInclVatCents).toBe(unit * 2 + vat);
    expect(invoice.number).toMatch(/^F-\d{4}-\d{6}$/);
    expect(shown).toContain(`Référence à indiquer\n${invoice.paymentReference}`);
    expect(shown).toContain(`Montant à virer\n${euros(unit * 2 + vat)}`);
    expect(shown).toMatch(/IBAN\n[A-Z]{2}\d{2}( [0-9A-Z]{1,4})+/);
    expect(shown).toMatch(/BIC\n[A-Z0-9]{8,11}/);
    expect(shown).toContain(invoice.number!);
    await web.screenshot(page, 'booking-bank-transfer');

    // "Factures": the invoice is listed, and its PDF downloads once the worker has rendered it.
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Factures' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Factures' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(invoice.number!) });
    await row.waitFor();
    expect(plain(await row.innerText())).toContain(euros(unit * 2 + vat));
    const pdf = await downloadPdf(page, invoice.number!);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    await web.screenshot(page, 'invoice-list');

    // The invoice's page: its lines, and how to pay it while it is due.
    await row.getByRole('link', { name: invoice.number! }).click();
    await page.getByRole('heading', { level: 1, name: `Facture ${invoice.number}` }).waitFor();
    const detail = plain(await page.locator('main').innerText());
    expect(detail).toContain(invoice.paymentReference);
    expect(detail).toContain('Participants : Léa Dubois, Hugo Lefèvre');
    expect(detail).toContain(`Reste à payer\n${euros(unit * 2 + vat)}`);
    await web.screenshot(page, 'invoice-detail');

    // "Réservations": the booking is listed as confirmed, for 2 seats.
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Réservations' })
      .click();
    // The list may first show what was cached before the payment, then its refetch: wait for
    // the confirmed row (a timeout if it never comes).
    const listed = page
      .getByRole('row', { name: new RegExp(offering!.title) })
      .filter({ hasText: 'Confirmée' });
    await listed.first().waitFor();
    const texts = (await listed.allInnerTexts()).map(plain);
    expect(texts.some((text) => /\t2\t/.test(text))).toBe(true);
  });

  it('cancels a paid booking after showing the refund, and the api agrees', async () => {
    const member2 = await token('member2@demo.mutualis.fr');
    const confirmed = await apiGet<{ items: Booking[] }>(
      '/api/bookings?status=confirmed&limit=100',
      member2,
    );
    // The furthest session: the most likely to refund something under its policy.
    const booking = confirmed.body.items
      .filter((each) => new Date(each.serviceStartsAt) > new Date())
      .sort((a, b) => b.serviceStartsAt.localeCompare(a.serviceStartsAt))
      .at(0);
    expect(booking).toBeDefined();

    const page = await web.newPage();
    await web.signIn(page, 'member2@demo.mutualis.fr');
    // On a phone: the page must work at 375 px.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`/bookings/${booking!.id}`);
    await page.getByRole('button', { name: 'Annuler la réservation' }).click();

    // The refund under the policy is shown before anything is cancelled.
    const dialog = page.getByRole('region', { name: 'Annuler la réservation' });
    // The offering's policy may still be loading when the dialog opens: wait for the figure.
    await dialog
      .getByRole('status')
      .filter({ hasText: /le remboursement serait de \d+ %/ })
      .waitFor();
    const preview = plain(await dialog.getByRole('status').innerText());
    expect(preview).toMatch(/le remboursement serait de \d+ %/);
    const previewAmount = /(\d[\d ]*,\d{2} €)/.exec(preview)![1];
    expect((await apiGet<Booking>(`/api/bookings/${booking!.id}`, member2)).body.status).toBe(
      'confirmed',
    );

    await dialog.getByLabel('Motif (facultatif)').fill('Salariée absente ce jour-là');
    await page.getByRole('button', { name: "Confirmer l'annulation" }).click();
    const outcome = page.getByRole('status').filter({ hasText: 'La réservation est annulée.' });
    await outcome.waitFor();
    await page.getByText('Annulée', { exact: true }).waitFor();

    const after = await apiGet<Booking>(`/api/bookings/${booking!.id}`, member2);
    expect(after.body.status).toBe('cancelled');
    expect(after.body.refund).not.toBeNull();
    expect(euros(after.body.refund!.amountCents)).toBe(previewAmount);
    const said = plain(await outcome.innerText());
    if (after.body.refund!.amountCents > 0) {
      expect(said).toContain(`Remboursement dû (${after.body.refund!.percent} %)`);
      expect(said).toContain(euros(after.body.refund!.amountCents));
    } else {
      expect(said).toContain('aucun remboursement');
    }
    await web.screenshot(page, 'booking-cancelled');
  });
});
