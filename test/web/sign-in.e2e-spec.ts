import { startWebHarness, WebHarness } from './support/web-harness';

// A browser flow crosses many pages, each waiting on the api and sometimes the worker.
jest.setTimeout(120_000);

// The api serves the built web app; a page deep in the app opens from a link (as in an e-mail),
// and a member signs in through the form.
describe('web app: sign-in', () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness('web_signin');
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
  });

  it('opens a deep link after signing in, in French, with the problem of a wrong password shown in French', async () => {
    const page = await web.newPage();
    await page.goto('/organisation');
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('Adresse e-mail').fill('member1@demo.mutualis.fr');
    await page.getByLabel('Mot de passe').fill('not the password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    expect(await page.getByRole('alert').innerText()).toContain(
      'Adresse e-mail ou mot de passe incorrect.',
    );

    await page.getByLabel('Mot de passe').fill('mutualis-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/organisation$/);
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await web.screenshot(page, 'sign-in');
  });
});
