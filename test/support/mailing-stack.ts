import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import { configureChambre } from '@mutualis/testing';
import { startInProcessWorker } from './in-process-worker';
import { IsolatedEnvironment, isolatedEnvironment } from './isolated-environment';
import { SmtpCatcher } from './smtp-catcher';
import { createTestApp } from './test-app';

/**
 * The api and a worker in the test's process (outbox relay, every queue and handler) on a
 * database and Redis prefix of their own, the Chambre configured, e-mail caught by a local SMTP
 * server and files (invoices, documents) in a temporary directory.
 */
export interface MailingStack {
  environment: IsolatedEnvironment;
  /** What the api and the worker run with. */
  env: Record<string, string>;
  smtp: SmtpCatcher;
  app: NestExpressApplication;
  worker: INestApplication;
  db: DataSource;
  storage: string;
  /** Stops the worker, the api and the SMTP server, drops the database and the files. */
  stop(): Promise<void>;
}

/** `settings` add to (or override) the environment; links in mail point at https://mutualis.test. */
export async function startMailingStack(
  label: string,
  settings: Record<string, string> = {},
  clock: Clock = new Clock(),
): Promise<MailingStack> {
  const smtp = await SmtpCatcher.start();
  const environment = await isolatedEnvironment(label);
  const storage = mkdtempSync(join(tmpdir(), `mutualis-${label}-`));
  const env = {
    ...environment.env,
    OUTBOX_POLL_MS: '50',
    INVOICE_STORAGE_DIR: join(storage, 'invoices'),
    DOCUMENT_STORAGE_DIR: join(storage, 'documents'),
    SMTP_URL: smtp.url,
    MAIL_FROM: 'ne-pas-repondre@test.mutualis.fr',
    PUBLIC_WEB_URL: 'https://mutualis.test',
    ...settings,
  };
  const app = await createTestApp(env);
  const db = app.get(DataSource);
  await configureChambre(db);
  const worker = await startInProcessWorker(env, clock);
  return {
    environment,
    env,
    smtp,
    app,
    worker,
    db,
    storage,
    stop: async () => {
      await worker.close();
      await app.close();
      await environment.drop();
      await smtp.stop();
      rmSync(storage, { recursive: true, force: true });
    },
  };
}
