import { readFileSync } from 'node:fs';
import { startWebHarness, WebHarness } from './support/web-harness';

jest.setTimeout(120_000);

// « Mes données »: a member downloads what is held about them, another deletes their account
// (warned, password confirmed, told about the organisation they leave without an admin), and an
// admin erases a third person on request. The erased people can no longer sign in.
describe('web app: personal data', () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness('web_privacy');
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
  });

  async function signInRefused(email: string) {
    const page = await web.newPage();
    await page.goto('/login');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('mutualis-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    expect(await page.getByRole('alert').innerText()).toContain(
      'Adresse e-mail ou mot de passe incorrect.',
    );
    await page.close();
  }

  it('downloads the member’s data as JSON from « Mes données »', async () => {
    const page = await web.newPage();
    await web.signIn(page, 'member1@demo.mutualis.fr');
    await page.goto('/account/notifications');
    await page.getByRole('link', { name: 'Mes données' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes données' }).waitFor();

    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger mes données (JSON)' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toMatch(
      /^mutualis-donnees-personnelles-\d{4}-\d{2}-\d{2}\.json$/,
    );
    const document = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(document).toMatchObject({
      format: 'mutualis.personal-data.v1',
      subject: { email: 'member1@demo.mutualis.fr' },
      identity: {
        profile: { email: 'member1@demo.mutualis.fr', name: 'Élodie Martin' },
        organisations: [
          expect.objectContaining({
            legalName: 'Les Jardins Partagés du Panier',
            role: 'org_admin',
          }),
        ],
      },
    });
    expect(document.identity.sessions.length).toBeGreaterThan(0);
    await page.getByText('Vos données ont été téléchargées.').waitFor();
    await web.screenshot(page, 'personal-data-export');
  });

  it('deletes an account after the warning, the password and the organisation left without an admin; sign-in then fails', async () => {
    const page = await web.newPage();
    await web.signIn(page, 'member5@demo.mutualis.fr');
    await page.goto('/account/data');
    const erase = page.getByRole('button', { name: 'Supprimer définitivement mon compte' });

    // Nothing is sent until the password is given and the box ticked.
    await erase.click();
    await page.getByText('Saisissez votre mot de passe.').waitFor();
    await page.getByText('Cochez cette case pour confirmer.').waitFor();

    await page.getByLabel('Mot de passe actuel').fill('not the password');
    await page.getByLabel('Je comprends que la suppression de mon compte est définitive.').check();
    await erase.click();
    await page.getByText("Ce mot de passe n'est pas le bon : rien n'a été supprimé.").waitFor();

    await page.getByLabel('Mot de passe actuel').fill('mutualis-demo');
    await erase.click();
    const orphans = page
      .getByRole('alert')
      .filter({ hasText: "Ces organisations n'auraient plus d'administrateur" });
    await orphans.waitFor();
    expect(await orphans.innerText()).toContain('Fondation Alpes Solidaires');
    await web.screenshot(page, 'personal-data-erase-orphans');

    await page
      .getByLabel(
        'Supprimer quand même mon compte, en laissant ces organisations sans administrateur',
      )
      .check();
    await erase.click();
    await page.waitForURL(/\/account\/erased$/);
    await page.getByRole('heading', { level: 1, name: 'Votre compte a été supprimé' }).waitFor();
    await page.getByRole('link', { name: 'Se connecter' }).waitFor();
    await web.screenshot(page, 'personal-data-erased');

    await signInRefused('member5@demo.mutualis.fr');
  });

  it('lets an admin erase a person on request from the users page', async () => {
    const page = await web.newPage();
    await web.signIn(page, 'admin@demo.mutualis.fr');
    await page.goto('/admin/users');
    await page.getByLabel('Nom ou adresse e-mail').fill('benevole1');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page
      .getByRole('button', { name: 'Effacer sur demande les données de Hugo Lefèvre' })
      .click();
    await page.getByText('Effacer les données de Hugo Lefèvre ?').waitFor();
    await web.screenshot(page, 'personal-data-admin-confirm');
    await page.getByRole('button', { name: "Confirmer l'effacement" }).click();
    await page.getByText('Les données de Hugo Lefèvre ont été effacées.').waitFor();
    // The account stays listed, under its placeholder, marked erased.
    await page.getByLabel('Nom ou adresse e-mail').fill('Compte supprimé');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('cell', { name: 'Effacé' }).first().waitFor();
    await web.screenshot(page, 'personal-data-admin-erased');

    await signInRefused('benevole1@demo.mutualis.fr');
  });
});
