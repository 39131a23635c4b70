import { ChildProcess, spawn } from 'node:child_process';
import { createConnection } from 'node:net';

/** A throw-away redis-server of the test's own, which the test may stop and start again. */
export class DisposableRedis {
  private child: ChildProcess | null = null;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    this.child.on('error', (error) => {
      throw new Error(`cannot start redis-server (is it installed?): ${error.message}`);
    });
    await this.waitUntil(true);
  }

  /** Stops it the hard way, as a crash or a network cut would. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await this.waitUntil(false);
  }

  private async waitUntil(listening: boolean): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if ((await this.answers()) === listening) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`redis on ${this.port} did not ${listening ? 'start' : 'stop'}`);
  }

  private answers(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port: this.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  }
}
