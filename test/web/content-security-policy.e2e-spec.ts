import { Page } from 'playwright-core';
import { startWebHarness, WebHarness } from './support/web-harness';

jest.setTimeout(180_000);

/** Every Content-Security-Policy violation the page reports, as "directive blocked-uri". */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return () =>
    page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
}

// The api serves the web app with a strict policy (no inline script or style): every page a
// person opens must work under it, for each kind of user.
describe('web app: strict Content-Security-Policy', () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness('web_csp');
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
  });

  it('shows every kind of user their pages with no policy violation', async () => {
    const offerings = (await (await fetch(`${web.baseUrl}/api/offerings`)).json()) as {
      items: { id: string }[];
    };
    const visits: { who: string | null; paths: string[] }[] = [
      {
        who: null,
        paths: ['/', `/offerings/${offerings.items[0].id}`, '/register', '/login'],
      },
      {
        who: 'member1@demo.mutualis.fr',
        paths: ['/bookings', '/invoices', '/organisation', '/account/notifications'],
      },
      { who: 'consultant1@demo.mutualis.fr', paths: ['/consultant/offerings'] },
      {
        who: 'finance@demo.mutualis.fr',
        paths: [
          '/finance',
          '/finance/reconciliation',
          '/finance/accounting',
          '/finance/accounting/journals',
          '/finance/accounting/entries',
          '/finance/accounting/chart',
          '/finance/exports',
        ],
      },
      { who: 'admin@demo.mutualis.fr', paths: ['/admin', '/admin/moderation', '/admin/users'] },
    ];
    const violations: string[] = [];
    for (const { who, paths } of visits) {
      const page = await web.newPage();
      const violationsOf = await watchViolations(page);
      if (who) await web.signIn(page, who);
      for (const path of paths) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        await page.locator('main').first().waitFor();
        violations.push(...(await violationsOf()).map((violation) => `${path}: ${violation}`));
      }
      if (!who) {
        await page.goto(`/offerings/${offerings.items[0].id}`);
        await page.waitForLoadState('networkidle');
        await web.screenshot(page, 'csp-offering');
        // The control: an injected inline script is blocked, and the watcher sees it.
        await page.evaluate(() => {
          const script = document.createElement('script');
          script.textContent = 'window.injected = true';
          document.head.appendChild(script);
        });
        expect(await page.evaluate(() => 'injected' in window)).toBe(false);
        expect((await violationsOf()).join()).toMatch(/script-src/);
      }
      await page.context().close();
    }
    expect(violations).toEqual([]);
  });
});
