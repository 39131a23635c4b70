/// <reference lib="dom" />
// page.evaluate bodies run in the browser.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfLines } from '@mutualis/testing';
import { axeViolations } from './support/axe';
import { DEMO_PASSWORD, startWebHarness, WebHarness } from './support/web-harness';

// A browser flow crosses many pages, each waiting on the api and sometimes the worker.
jest.setTimeout(120_000);

// The consultant downloads a session's feuille d'émargement from the session's page, on a
// phone: a PDF listing its trainees, made as it stands.
describe('web app: the attendance sheet of a session', () => {
  let web: WebHarness;
  let storage: string;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-web-completion-'));
    web = await startWebHarness('web_completion', {
      DOCUMENT_STORAGE_DIR: storage,
      INVOICE_STORAGE_DIR: storage,
    });
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
    rmSync(storage, { recursive: true, force: true });
  });

  async function apiAs<T>(email: string, path: string): Promise<T> {
    const login = await fetch(`${web.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const response = await fetch(`${web.baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  it('downloads the session’s attendance sheet as a PDF from the session page, on a phone', async () => {
    const consultant = 'consultant1@demo.mutualis.fr';
    const mine = await apiAs<{ items: { id: string; kind: string }[] }>(
      consultant,
      '/api/consultants/me/offerings?limit=100',
    );
    let booked: { offeringId: string; sessionId: string; name: string } | null = null;
    for (const offering of mine.items.filter((item) => item.kind === 'training')) {
      const sessions = await apiAs<{ id: string; status: string }[]>(
        consultant,
        `/api/offerings/${offering.id}/sessions`,
      );
      for (const session of sessions.filter((item) => item.status === 'scheduled')) {
        const attendees = await apiAs<{ name: string; bookingStatus: string }[]>(
          consultant,
          `/api/sessions/${session.id}/attendees`,
        );
        const seated = attendees.find((attendee) => attendee.bookingStatus === 'confirmed');
        if (seated) {
          booked = { offeringId: offering.id, sessionId: session.id, name: seated.name };
          break;
        }
      }
      if (booked) break;
    }
    expect(booked).not.toBeNull();

    const page = await web.newPage({ viewport: { width: 375, height: 800 } });
    await web.signIn(page, consultant);
    await page.goto(`/consultant/sessions/${booked!.sessionId}?offering=${booked!.offeringId}`);
    await page
      .getByRole('heading', { level: 2, name: 'Feuille d’émargement et certificats' })
      .waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger la feuille d’émargement (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^feuille-emargement-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfLines(pdf).join('\n');
    expect(text).toContain('Feuille d’émargement');
    expect(text).toContain(booked!.name);
    expect(text).toContain('Contreseing du formateur');

    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    await web.screenshot(page, 'training-attendance-sheet-phone');
  });
});
