import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';
import { rememberTotpSecret } from '../support/two-factor';
import { DEMO_PASSWORD, startWebHarness, WebHarness } from './support/web-harness';

// A browser flow crosses many pages, and a second sign-in may wait for the next 30 s code.
jest.setTimeout(180_000);

// Two-factor authentication in the browser: a member enrols by scanning (here: reading the setup
// key off the page and computing the code as an app would), signs in with a code and with a
// recovery code; an admin who has not enrolled is sent to enrol before the admin pages open.
describe('web app: two-factor authentication', () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness('web_2fa');
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
  });

  const MEMBER = 'member3@demo.mutualis.fr';
  let recoveryCodes: string[] = [];

  /** Turns two-factor authentication on from the security page; answers the recovery codes shown. */
  async function enrol(page: Page, email: string, screenshot?: string): Promise<string[]> {
    await page.getByRole('button', { name: 'Activer la validation en deux étapes' }).click();
    await page.getByRole('img', { name: /QR code à scanner/ }).waitFor();
    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    rememberTotpSecret(email, secret);
    if (screenshot) await web.screenshot(page, screenshot);
    await page.getByLabel("Code affiché par l'application").fill(await web.totpCode(email));
    await page.getByRole('button', { name: 'Confirmer et activer' }).click();
    const list = page.getByRole('list', { name: 'Vos codes de secours' });
    await list.waitFor();
    const codes = await list.locator('code').allInnerTexts();
    expect(codes).toHaveLength(10);
    return codes;
  }

  async function passwordStep(page: Page, email: string): Promise<void> {
    await page.goto('/login');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Validation en deux étapes' }).waitFor();
  }

  it('enrols a member: QR code and setup key, a first code, recovery codes shown once to copy or download', async () => {
    const page = await web.newPage();
    await web.signIn(page, MEMBER);
    await page.getByRole('link', { name: 'Sécurité', exact: true }).click();
    await page.waitForURL(/\/account\/security$/);
    await page.getByRole('link', { name: 'Gérer la validation en deux étapes' }).click();
    await page.waitForURL(/\/account\/security\/two-factor$/);
    await page.getByRole('heading', { name: 'Validation en deux étapes' }).waitFor();

    recoveryCodes = await enrol(page, MEMBER, 'two-factor-enrol');
    expect(new Set(recoveryCodes).size).toBe(10);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger (.txt)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('mutualis-codes-de-secours.txt');
    const file = readFileSync(await download.path(), 'utf8');
    for (const code of recoveryCodes) expect(file).toContain(code);
    await web.screenshot(page, 'two-factor-recovery-codes');

    await page.getByRole('button', { name: "J'ai gardé mes codes en lieu sûr" }).click();
    await page.getByText(/La validation en deux étapes est activée depuis le/).waitFor();
    await page.getByText('Il vous reste 10 codes de secours inutilisés.').waitFor();
    // Shown once: coming back to the page shows no code.
    await page.reload();
    await page.getByText(/activée depuis le/).waitFor();
    expect(await page.getByRole('list', { name: 'Vos codes de secours' }).count()).toBe(0);
    await web.screenshot(page, 'two-factor-enabled');
  });

  it('signs the member in with the code of the app after the password, and refuses a wrong one in French', async () => {
    const page = await web.newPage();
    await passwordStep(page, MEMBER);
    await page.getByLabel('Code à 6 chiffres').fill('000000');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: "Ce code n'est pas le bon, ou a déjà servi." })
      .waitFor();
    await web.screenshot(page, 'two-factor-sign-in');

    await page.getByLabel('Code à 6 chiffres').fill(await web.totpCode(MEMBER));
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  });

  it('signs the member in with a recovery code, which then works no more', async () => {
    const page = await web.newPage();
    await passwordStep(page, MEMBER);
    await page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
    await page.getByLabel('Code de secours').fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/account/security/two-factor');
    await page.getByText('Il vous reste 9 codes de secours inutilisés.').waitFor();

    const again = await web.newPage();
    await passwordStep(again, MEMBER);
    await again.getByRole('button', { name: 'Utiliser un code de secours' }).click();
    await again.getByLabel('Code de secours').fill(recoveryCodes[0]);
    await again.getByRole('button', { name: 'Valider' }).click();
    await again
      .getByRole('alert')
      .filter({ hasText: "Ce code n'est pas le bon, ou a déjà servi." })
      .waitFor();
    expect(new URL(again.url()).pathname).toBe('/login');
  });

  it('makes new recovery codes and turns two-factor authentication off, each after the password', async () => {
    const email = 'member4@demo.mutualis.fr';
    const page = await web.newPage();
    await web.signIn(page, email);
    await page.goto('/account/security/two-factor');
    const first = await enrol(page, email);
    await page.getByRole('button', { name: "J'ai gardé mes codes en lieu sûr" }).click();

    await page.getByRole('button', { name: 'Générer de nouveaux codes de secours' }).click();
    await page.getByLabel('votre mot de passe').check();
    await page.getByLabel('Mot de passe', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Générer de nouveaux codes' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: "Ce code ou ce mot de passe n'est pas le bon." })
      .waitFor();
    await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Générer de nouveaux codes' }).click();
    const list = page.getByRole('list', { name: 'Vos codes de secours' });
    await list.waitFor();
    const renewed = await list.locator('code').allInnerTexts();
    expect(renewed).toHaveLength(10);
    expect(renewed.filter((code) => first.includes(code))).toEqual([]);
    await page.getByRole('button', { name: "J'ai gardé mes codes en lieu sûr" }).click();

    await page.getByRole('button', { name: 'Désactiver la validation en deux étapes' }).click();
    await page.getByLabel('votre mot de passe').check();
    await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Désactiver', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'désactivée' }).waitFor();
    await page.getByRole('button', { name: 'Activer la validation en deux étapes' }).waitFor();
    await web.screenshot(page, 'two-factor-disabled');
  });

  it('sends an admin who has not enrolled to enrol before the admin pages open, then on to them', async () => {
    // The demo admin makes benevole1 an admin: their next visit to /admin asks them to enrol.
    const adminToken = await web.accessToken('admin@demo.mutualis.fr');
    const users = (await (
      await fetch(`${web.baseUrl}/api/users?q=benevole1`, {
        headers: { Authorization: `Bearer ${adminToken}` },
      })
    ).json()) as { items: { id: string; email: string }[] };
    const promoted = users.items.find((user) => user.email === 'benevole1@demo.mutualis.fr')!;
    const granted = await fetch(`${web.baseUrl}/api/users/${promoted.id}/roles`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ roles: ['admin'] }),
    });
    expect(granted.status).toBe(200);

    // On a phone: the QR code and the setup key must fit.
    const page = await web.newPage({ viewport: { width: 390, height: 844 } });
    await web.signIn(page, promoted.email);
    await page.goto('/admin/users');
    await page.waitForURL(/\/account\/security\/two-factor\?next=%2Fadmin%2Fusers$/);
    await page
      .getByRole('alert')
      .filter({ hasText: 'Activez la validation en deux étapes pour continuer' })
      .waitFor();
    await web.screenshot(page, 'two-factor-required-phone');

    await enrol(page, promoted.email, 'two-factor-enrol-phone');
    await page.getByRole('button', { name: "J'ai gardé mes codes en lieu sûr" }).click();
    await page.waitForURL(/\/admin\/users$/);
    await page.getByLabel('Nom ou adresse e-mail').waitFor();
    await web.screenshot(page, 'two-factor-admin-after-enrolment');
  });

  it('signs the demo admin in with the code of the published demo secret', async () => {
    const page = await web.newPage();
    await web.signIn(page, 'admin@demo.mutualis.fr');
    await page.goto('/admin');
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    await page.goto('/account/security/two-factor');
    await page.getByText(/elle ne peut pas être désactivée/).waitFor();
    expect(
      await page.getByRole('button', { name: 'Désactiver la validation en deux étapes' }).count(),
    ).toBe(0);
  });
});
