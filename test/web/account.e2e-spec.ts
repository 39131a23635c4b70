import { randomUUID } from 'node:crypto';
import { Page } from 'playwright-core';
import { CaughtMail } from '../support/smtp-catcher';
import { DEMO_PASSWORD, startWebHarness, WebHarness } from './support/web-harness';

jest.setTimeout(180_000);

// The account lifecycle as a person meets it: the mail comes from the built worker through
// SMTP, and Chromium follows the link it holds.
describe('web app: account', () => {
  let web: WebHarness;

  beforeAll(async () => {
    // No cool-down between verification e-mails, so the resend button can be tried at once.
    web = await startWebHarness('web_account', { VERIFICATION_EMAIL_COOLDOWN_SECONDS: '0' });
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
  });

  async function mailsTo(address: string, subject: RegExp, count = 1): Promise<CaughtMail[]> {
    const found = await web.smtp.waitFor(
      (caught) =>
        caught.to.includes(address.toLowerCase()) && subject.test(caught.mail.subject ?? ''),
      count,
      30_000,
    );
    expect(found.length).toBeGreaterThanOrEqual(count);
    return found;
  }

  /** The link of a message, which must point at this web app. */
  function linkIn(caught: CaughtMail, path: string): string {
    const match = new RegExp(`${web.baseUrl}${path}\\?token=[A-Za-z0-9_-]+`).exec(
      caught.mail.text ?? '',
    );
    expect(match).not.toBeNull();
    return match![0];
  }

  /** A look at the message's HTML as a mail client would show it. */
  async function screenshotMail(caught: CaughtMail, name: string): Promise<void> {
    const page = await web.newPage({ viewport: { width: 700, height: 900 } });
    await page.setContent(String(caught.mail.html), { waitUntil: 'load' });
    await web.screenshot(page, name);
    await page.close();
  }

  async function signUp(page: Page, email: string, name: string, password: string) {
    await page.goto('/register');
    await page.getByLabel('Prénom et nom').fill(name);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL(/\/organisation$/);
  }

  it('verifies the address from the e-mailed link, after explaining in a banner why booking waits', async () => {
    const email = `verif.${randomUUID().slice(0, 8)}@demo-verif.fr`;
    const page = await web.newPage();
    await signUp(page, email, 'Lucie Verdier', 'une phrase de passe solide');
    const banner = page.getByRole('region', { name: 'Adresse à confirmer' });
    await banner
      .getByText(/vous ne pouvez ni réserver, ni créer ou rejoindre une organisation/)
      .waitFor();
    const [first] = await mailsTo(email, /^Confirmez votre adresse e-mail/);
    await web.screenshot(page, 'account-unverified-banner');

    // Asking again sends a new link, and the first stops working.
    await banner.getByRole('button', { name: "Renvoyer l'e-mail" }).click();
    await banner.getByText('E-mail envoyé : pensez à regarder dans les indésirables.').waitFor();
    const mails = await mailsTo(email, /^Confirmez votre adresse e-mail/, 2);
    const second = mails.find((mail) => mail !== first)!;
    await screenshotMail(second, 'mail-verification');
    expect(second.mail.text).toContain('Bonjour Lucie Verdier');

    await page.goto(linkIn(first, '/verify-email'));
    await page.getByText(/Ce lien n'est pas valable/).waitFor();
    await web.screenshot(page, 'account-verify-email-used-link');

    await page.goto(linkIn(second, '/verify-email'));
    await page.getByText(/Votre adresse e-mail est confirmée/).waitFor();
    // The secret leaves the address bar once read.
    expect(new URL(page.url()).search).toBe('');
    await web.screenshot(page, 'account-verify-email');
    await page.getByRole('link', { name: 'Continuer' }).click();
    await page.waitForURL(/\/organisation$/);
    // The banner goes once the account is read again (it would time out if it stayed).
    await page.getByRole('region', { name: 'Adresse à confirmer' }).waitFor({ state: 'detached' });
  });

  it('resets a forgotten password from the login page through the e-mailed link', async () => {
    const email = 'member3@demo.mutualis.fr';
    const page = await web.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.waitForURL(/\/forgot-password$/);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await page
      .getByText(`Si un compte existe pour ${email}, un e-mail vient de lui être envoyé.`, {
        exact: false,
      })
      .waitFor();
    await web.screenshot(page, 'account-forgot-password');

    const [mail] = await mailsTo(email, /^Réinitialisation de votre mot de passe/);
    await screenshotMail(mail, 'mail-password-reset');
    const reset = await web.newPage();
    await reset.goto(linkIn(mail, '/reset-password'));
    await reset
      .getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' })
      .waitFor();
    await reset
      .getByLabel('Nouveau mot de passe', { exact: true })
      .fill('le printemps des cigales');
    await reset.getByLabel('Confirmez le nouveau mot de passe').fill('le printemps des cigalles');
    await reset.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await reset.getByText('Les deux mots de passe ne sont pas identiques.').waitFor();
    await reset.getByLabel('Confirmez le nouveau mot de passe').fill('le printemps des cigales');
    await web.screenshot(reset, 'account-reset-password');
    await reset.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await reset.getByText('Votre mot de passe est changé.', { exact: false }).waitFor();
    await web.screenshot(reset, 'account-reset-password-done');

    // The old password no longer opens the account; the new one does.
    const old = await web.newPage();
    await old.goto('/login');
    await old.getByLabel('Adresse e-mail').fill(email);
    await old.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await old.getByRole('button', { name: 'Se connecter' }).click();
    await old.getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
    await reset.getByRole('main').getByRole('link', { name: 'Se connecter' }).click();
    await web.signIn(reset, email, 'le printemps des cigales');
  });

  it('shows the sessions on the security page and signs the others out; refuses a wrong current password', async () => {
    const email = 'member4@demo.mutualis.fr';
    const elsewhere = await web.newPage();
    await web.signIn(elsewhere, email);
    const page = await web.newPage();
    await web.signIn(page, email);
    await page.getByRole('link', { name: 'Sécurité', exact: true }).click();
    await page.waitForURL(/\/account\/security$/);
    await page.getByRole('heading', { level: 1, name: 'Sécurité du compte' }).waitFor();
    const sessions = page.getByRole('region', { name: 'Mes sessions' });
    await sessions.getByText('Cette session').waitFor();
    expect(await sessions.getByRole('row').count()).toBe(3);
    await web.screenshot(page, 'account-security');

    await page.getByLabel('Mot de passe actuel').first().fill('pas le bon');
    await page.getByLabel('Nouveau mot de passe').fill('une nouvelle phrase de passe');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await page.getByText('Le mot de passe actuel est incorrect.').waitFor();
    expect(await page.getByLabel('Mot de passe actuel').first().getAttribute('aria-invalid')).toBe(
      'true',
    );
    await web.screenshot(page, 'account-security-wrong-password');

    await sessions.getByRole('button', { name: 'Fermer toutes les autres sessions' }).click();
    await sessions.getByText('1 session fermée.').waitFor();
    expect(await sessions.getByRole('row').count()).toBe(2);
    // The other browser is signed out at its next request.
    await elsewhere.goto('/organisation');
    await elsewhere.waitForURL(/\/login/);
  });
});
