import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const BUILT_API = join(ROOT, 'dist/apps/api/apps/api/src/main.js');
export const BUILT_WORKER = join(ROOT, 'dist/apps/worker/apps/worker/src/main.js');

export interface BuiltProcess {
  child: ChildProcess;
  /** The port it answers on (the api's PORT, the worker's health port). */
  port: number;
  stop(): Promise<void>;
}

/** A TCP port the OS says is free now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function waitForOk(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/**
 * Starts the production build of the api or the worker (`npm run build` first) with
 * NODE_ENV=production's code paths but a bench environment, and waits until it is ready.
 */
export async function startBuilt(
  which: 'api' | 'worker',
  env: Record<string, string>,
): Promise<BuiltProcess> {
  const entry = which === 'api' ? BUILT_API : BUILT_WORKER;
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const port = await freePort();
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      HOST: '127.0.0.1',
      ...(which === 'api' ? { PORT: String(port) } : { WORKER_HEALTH_PORT: String(port) }),
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = which === 'api' ? `/api/health/ready` : `/health/ready`;
  await waitForOk(`http://127.0.0.1:${port}${ready}`, 30_000);
  return {
    child,
    port,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
