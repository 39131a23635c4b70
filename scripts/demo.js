#!/usr/bin/env node
// `npm run demo`: builds (api, worker, web app), migrates (creating the database if needed), seeds the demo data once,
// then runs the api and the worker together until Ctrl-C, and prints where to go and how to log in.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { parseEnv } = require('node:util');

const root = path.join(__dirname, '..');
const API = 'dist/apps/api/apps/api/src/main.js';
const WORKER = 'dist/apps/worker/apps/worker/src/main.js';
const CLI = 'dist/apps/api/apps/api/src/cli.js';
const READY_TIMEOUT_MS = 60_000;

const env = { LOG_PRETTY: 'true', ...process.env };
const port = Number(env.PORT || 3000);
const base = `http://localhost:${port}`;
// Without an SMTP server of your own, e-mail goes to a local catcher with a web page.
const catchMail = !env.SMTP_URL;
const mailWebPort = Number(env.MAILDEV_WEB_PORT || 1080);
const mailSmtpPort = Number(env.MAILDEV_SMTP_PORT || 1025);
if (catchMail) env.SMTP_URL = `smtp://127.0.0.1:${mailSmtpPort}`;
// No secret ships with the code. Without one of yours (environment or .env), the demo makes a
// random one for this run and gives it to both processes: sign-ins last until Ctrl-C.
const envFile = path.join(root, '.env');
const secretInEnvFile =
  existsSync(envFile) && Boolean(parseEnv(readFileSync(envFile, 'utf8')).JWT_ACCESS_SECRET);
if (!env.JWT_ACCESS_SECRET && !secretInEnvFile) {
  env.JWT_ACCESS_SECRET = randomBytes(48).toString('base64url');
}
// Without Chorus Pro credentials of your own, public buyers' invoices go to the tests' local
// stand-in, which moves each one from deposited to paid, a step at every question.
const standInChorus =
  !env.CHORUS_PRO_API_URL &&
  !(existsSync(envFile) && parseEnv(readFileSync(envFile, 'utf8')).CHORUS_PRO_API_URL);
const chorusPort = Number(env.CHORUS_STAND_IN_PORT || 8740);
if (standInChorus) {
  const chorus = `http://127.0.0.1:${chorusPort}`;
  Object.assign(env, {
    CHORUS_PRO_API_URL: `${chorus}/cpro`,
    CHORUS_PRO_TOKEN_URL: `${chorus}/api/oauth/token`,
    CHORUS_PRO_CLIENT_ID: 'mutualis-demo',
    CHORUS_PRO_CLIENT_SECRET: randomBytes(16).toString('hex'),
    CHORUS_PRO_LOGIN: 'TECH_1_demo@cpro.fr',
    CHORUS_PRO_PASSWORD: randomBytes(16).toString('hex'),
    CHORUS_PRO_POLL_INITIAL_MS: env.CHORUS_PRO_POLL_INITIAL_MS || '5000',
    CHORUS_PRO_POLL_MAX_MS: env.CHORUS_PRO_POLL_MAX_MS || '60000',
  });
}

function step(title, command, args) {
  process.stdout.write(`\n▶ ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(
      `\n✖ ${title} failed (exit ${result.status}). Is PostgreSQL running at DATABASE_URL?\n`,
    );
    process.exit(result.status || 1);
  }
}

async function waitUntilReady(url = `${base}/api/health/ready`, headers = {}) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { headers });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/** maildev, from the dev dependencies: SMTP and its web page on loopback only. */
function startMailCatcher() {
  // Its package exports no bin path, so the file is addressed where npm installs it.
  const bin = path.join(root, 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js');
  return spawn(
    process.execPath,
    [
      bin,
      '--ip',
      '127.0.0.1',
      '--smtp',
      String(mailSmtpPort),
      '--web-ip',
      '127.0.0.1',
      '--web',
      String(mailWebPort),
      '--silent',
    ],
    { cwd: root, env: process.env, stdio: 'inherit' },
  );
}

/** The tests' Chorus Pro stand-in, compiled on the fly (dev dependencies, like maildev). */
function startChorusStandIn() {
  return spawn(process.execPath, ['-r', './bench/register.js', 'scripts/chorus-pro-stand-in.ts'], {
    cwd: root,
    env: { ...env, CHORUS_STAND_IN_PORT: String(chorusPort) },
    stdio: 'inherit',
  });
}

function banner() {
  const password = env.DEMO_PASSWORD || 'mutualis-demo';
  const accounts = [
    ['admin@demo.mutualis.fr', 'Chambre admin'],
    ['finance@demo.mutualis.fr', 'finance staff'],
    ['consultant1@demo.mutualis.fr … consultant3@', 'consultants'],
    ['member1@demo.mutualis.fr … member5@', 'org admins of the five member organisations'],
    ['benevole1@demo.mutualis.fr', 'org member of Les Jardins Partagés du Panier'],
  ];
  const lines = [
    '',
    'Mutualis is running.',
    `  Web app                ${base}/`,
    `  API docs (OpenAPI UI)  ${base}/api/docs`,
    `  OpenAPI document       ${base}/api/openapi.json`,
    `  API health             ${base}/api/health/ready`,
    `  Worker health          http://localhost:${env.WORKER_HEALTH_PORT || 3001}/health/ready`,
    `  Queue dashboard        ${base}/admin/queues (admin token as Bearer or cookie)`,
    catchMail
      ? `  E-mail sent (maildev)  http://localhost:${mailWebPort}`
      : `  E-mail                 sent through SMTP_URL`,
    standInChorus
      ? `  Chorus Pro             local stand-in on port ${chorusPort} (public buyers' invoices)`
      : `  Chorus Pro             ${env.CHORUS_PRO_API_URL}`,
    '',
    `Demo logins (password: ${password})`,
    ...accounts.map(([email, who]) => `  ${email.padEnd(48)} ${who}`),
    '',
    // DEMO_TOTP_SECRETS in apps/api/src/demo/demo-data.ts: published, demo only.
    'Two-factor codes (required for admin and finance): add these secrets to an authenticator app',
    '  admin@demo.mutualis.fr    DEMOADMINMUTUALISTOTPSECRET23456',
    '  finance@demo.mutualis.fr  DEMOFINANCEMUTUALISTOTPSECRET234',
    "  (or compute a code: node -e \"console.log(new (require('otpauth').TOTP)({secret: 'DEMOADMINMUTUALISTOTPSECRET23456'}).generate())\")",
    '',
    `Try: curl -s -X POST ${base}/api/auth/login -H 'Content-Type: application/json' \\`,
    `       -d '{"email":"member1@demo.mutualis.fr","password":"${password}"}'`,
    '',
    'Ctrl-C stops the api and the worker.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

async function main() {
  step('Building the api, the worker and the web app', 'npm', ['run', '--silent', 'build']);
  step('Migrating the database (created if missing)', process.execPath, [CLI, 'migrate']);
  step('Seeding the demo data (once)', process.execPath, [CLI, 'seed']);

  const children = [];
  if (catchMail) {
    process.stdout.write('\n▶ Starting the e-mail catcher (maildev)\n');
    children.push(startMailCatcher());
    // maildev serves its page to browsers only (Accept: text/html).
    const page = `http://127.0.0.1:${mailWebPort}/`;
    if (!(await waitUntilReady(page, { Accept: 'text/html' }))) {
      process.stderr.write(
        `\n✖ maildev did not start: are ports ${mailSmtpPort} and ${mailWebPort} free? (MAILDEV_SMTP_PORT, MAILDEV_WEB_PORT)\n`,
      );
      for (const child of children) child.kill('SIGTERM');
      process.exit(1);
    }
  }
  if (standInChorus) {
    process.stdout.write('\n▶ Starting the Chorus Pro stand-in\n');
    children.push(startChorusStandIn());
    if (!(await waitUntilReady(`http://127.0.0.1:${chorusPort}/health`))) {
      process.stderr.write(
        `\n✖ the Chorus Pro stand-in did not start: is port ${chorusPort} free? (CHORUS_STAND_IN_PORT)\n`,
      );
      for (const child of children) child.kill('SIGTERM');
      process.exit(1);
    }
  }
  process.stdout.write('\n▶ Starting the api and the worker\n');
  for (const entry of [API, WORKER]) {
    children.push(spawn(process.execPath, [entry], { cwd: root, env, stdio: 'inherit' }));
  }
  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGTERM'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  for (const child of children) {
    child.on('exit', (code) => {
      if (!stopping) {
        process.stderr.write(`\n✖ a process stopped (exit ${code}); stopping the other one\n`);
        process.exitCode = code || 1;
      }
      stop('SIGTERM');
    });
  }

  if (await waitUntilReady()) banner();
  else if (!stopping) {
    process.stderr.write(`\n✖ the api did not become ready within ${READY_TIMEOUT_MS / 1000} s\n`);
    process.exitCode = 1;
    stop('SIGTERM');
  }
}

main();
