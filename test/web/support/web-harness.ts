import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { ChorusProStandIn, StripeStandIn } from '@mutualis/testing';
import { nextTotpCode, rememberTotpSecret } from '../../support/two-factor';
import { IsolatedEnvironment, isolatedEnvironment } from '../../support/isolated-environment';
import { SmtpCatcher } from '../../support/smtp-catcher';
import {
  BUILT_API,
  BUILT_WORKER,
  freePort,
  ROOT,
  RunningProcess,
  startBuilt,
  waitForOk,
} from '../../support/processes';

/** The demo accounts' password (apps/api/src/demo). */
export const DEMO_PASSWORD = 'mutualis-demo';
export const WEBHOOK_SECRET = 'whsec_webbrowsertests';
/** The demo admin's and finance's published TOTP secrets (DEMO_TOTP_SECRETS in apps/api/src/demo). */
export const DEMO_TOTP_SECRETS: Record<string, string> = {
  'admin@demo.mutualis.fr': 'DEMOADMINMUTUALISTOTPSECRET23456',
  'finance@demo.mutualis.fr': 'DEMOFINANCEMUTUALISTOTPSECRET234',
};
for (const [email, secret] of Object.entries(DEMO_TOTP_SECRETS)) rememberTotpSecret(email, secret);
/** Screenshots of each flow land here (ignored by git); CI keeps the directory as test output. */
export const SCREENSHOT_DIR = join(ROOT, 'test-output', 'web');
const CLI = join(ROOT, 'dist/apps/api/apps/api/src/cli.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The whole system as a person meets it: the built api serving the built web app, a built
 * worker, the demo data on a database of its own, the Stripe and Chorus Pro stand-ins, and
 * Debian's Chromium driven by playwright-core.
 */
export interface WebHarness {
  baseUrl: string;
  environment: IsolatedEnvironment;
  env: Record<string, string>;
  stripe: StripeStandIn;
  /** Where the worker deposits public buyers' invoices (the demo's commune), polled every 0.2–1 s. */
  chorusPro: ChorusProStandIn;
  /** Catches the worker's mail (verification and reset links), for pages that follow them. */
  smtp: SmtpCatcher;
  browser: Browser;
  api: RunningProcess;
  worker: RunningProcess;
  /** A new browser page (its own context: no shared sign-in) at a phone-or-desktop size. */
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  /**
   * Signs in through the login form, answering the two-factor step with a code computed from the
   * account's secret when it asks (the demo admin and finance, or users enrolled by the test),
   * and waits until the app leaves the sign-in page.
   */
  signIn(page: Page, email: string, password?: string): Promise<void>;
  /** A code the api will accept now for an account whose TOTP secret the tests know. */
  totpCode(email: string): Promise<string>;
  /** Signs in through the api (answering the two-factor step when asked) for its access token. */
  accessToken(email: string, password?: string): Promise<string>;
  /** Saves a full-page screenshot as test-output/web/<name>.png and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  stop(): Promise<void>;
}

export interface WebHarnessOptions {
  /**
   * Scripts the Chorus Pro stand-in before the worker starts, so that the demo's public invoice,
   * deposited as soon as the worker issues it, meets the script (e.g. a rejection).
   */
  chorusPro?: (standIn: ChorusProStandIn) => void;
}

/** `settings` add to (or override) the environment of the api and the worker. */
export async function startWebHarness(
  label: string,
  settings: Record<string, string> = {},
  options: WebHarnessOptions = {},
): Promise<WebHarness> {
  const environment = await isolatedEnvironment(label);
  const stripe = await StripeStandIn.start();
  const chorusPro = await ChorusProStandIn.start();
  options.chorusPro?.(chorusPro);
  const smtp = await SmtpCatcher.start();
  const port = await freePort();
  const workerPort = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    ...environment.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '50',
    STRIPE_SECRET_KEY: 'sk_test_mutualis',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE: stripe.url,
    PUBLIC_WEB_URL: baseUrl,
    RATE_LIMIT_LOGIN_MAX: '1000',
    SMTP_URL: smtp.url,
    MAIL_FROM: 'ne-pas-repondre@test.mutualis.fr',
    ...chorusPro.env(),
    CHORUS_PRO_POLL_INITIAL_MS: '200',
    CHORUS_PRO_POLL_MAX_MS: '1000',
    ...settings,
  };
  const seeded = spawnSync(process.execPath, [CLI, 'seed'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (seeded.status !== 0) throw new Error(`demo seed failed:\n${seeded.stderr}${seeded.stdout}`);

  const api = startBuilt(BUILT_API, { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const worker = startBuilt(BUILT_WORKER, {
    ...env,
    WORKER_HEALTH_PORT: String(workerPort),
    HOST: '127.0.0.1',
  });
  await Promise.all([
    waitForOk(`${baseUrl}/api/health/ready`, 30_000),
    waitForOk(`http://127.0.0.1:${workerPort}/health/ready`, 30_000),
  ]);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // As root in a container, without a GPU, on a machine that reaches no outside host.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const tokens = new Map<string, string>();

  return {
    baseUrl,
    environment,
    env,
    stripe,
    chorusPro,
    smtp,
    browser,
    api,
    worker,
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
        viewport: options.viewport ?? { width: 1280, height: 900 },
        acceptDownloads: true,
      });
      // Generous: a loaded CI machine runs the api, the worker and Chromium on two cores.
      context.setDefaultTimeout(30_000);
      return context.newPage();
    },
    async signIn(page, email, password = DEMO_PASSWORD) {
      await page.goto('/login');
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByLabel('Mot de passe').fill(password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      // Either the app moves on, or it asks for the second factor.
      const codeField = page.getByLabel('Code à 6 chiffres');
      const left = page.waitForURL((url) => !url.pathname.startsWith('/login'));
      const asked = codeField.waitFor();
      await Promise.race([left, asked]);
      left.catch(() => undefined);
      asked.catch(() => undefined);
      if (new URL(page.url()).pathname.startsWith('/login')) {
        await codeField.fill(await nextTotpCode(email));
        await page.getByRole('button', { name: 'Valider' }).click();
      }
      // The sign-out button may sit in the collapsed menu of a phone-sized page: wait for the move.
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    },
    totpCode: (email) => nextTotpCode(email),
    async accessToken(email, password = DEMO_PASSWORD) {
      // Kept for the harness's life (tokens last 15 min): each two-factor sign-in takes a new
      // time step, and steps come every 30 s.
      const cached = tokens.get(`${email}|${password}`);
      if (cached) return cached;
      const post = async (path: string, body: unknown) => {
        const response = await fetch(`${baseUrl}${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (!response.ok)
          throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
        return (await response.json()) as { accessToken?: string; mfaToken?: string };
      };
      let answer = await post('/api/auth/login', { email, password });
      if (answer.mfaToken) {
        answer = await post('/api/auth/login/mfa', {
          mfaToken: answer.mfaToken,
          code: await nextTotpCode(email),
        });
      }
      tokens.set(`${email}|${password}`, answer.accessToken!);
      return answer.accessToken!;
    },
    async screenshot(page, name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async stop() {
      await browser.close().catch(() => undefined);
      for (const child of [api.child, worker.child]) {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      }
      await Promise.all([api.exited, worker.exited]);
      await stripe.stop();
      await chorusPro.stop();
      await smtp.stop();
      await environment.drop();
    },
  };
}
