import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  BUILT_API,
  BUILT_WORKER,
  freePort,
  startBuilt as startBuiltEntry,
  waitForOk,
} from '../../test/support/processes';

export { freePort };

/**
 * Production refuses to start without a key of its own to encrypt TOTP secrets: one per bench
 * run, shared by its apis and workers (a scenario may still pass its own).
 */
const MFA_ENCRYPTION_KEY = randomBytes(32).toString('base64');

export interface BuiltProcess {
  child: ChildProcess;
  /** The port it answers on (the api's PORT, the worker's health port). */
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts the production build of the api or the worker (`npm run build` first) on a free port
 * with the bench's environment, and waits until it is ready. The tests' process helpers do the
 * spawning; a process that fails to start shows what it printed.
 */
export async function startBuilt(
  which: 'api' | 'worker',
  env: Record<string, string>,
): Promise<BuiltProcess> {
  const port = await freePort();
  const running = startBuiltEntry(which === 'api' ? BUILT_API : BUILT_WORKER, {
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    MFA_ENCRYPTION_KEY,
    ...(which === 'api' ? { PORT: String(port) } : { WORKER_HEALTH_PORT: String(port) }),
    ...env,
  });
  const ready = which === 'api' ? '/api/health/ready' : '/health/ready';
  try {
    await waitForOk(`http://127.0.0.1:${port}${ready}`, 30_000);
  } catch (error) {
    running.child.kill('SIGTERM');
    throw new Error(`${(error as Error).message}\n${running.output()}`);
  }
  return {
    child: running.child,
    port,
    stop: async () => {
      const { child } = running;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await running.exited;
    },
  };
}
