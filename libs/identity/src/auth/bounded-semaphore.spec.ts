import { BoundedSemaphore, SemaphoreQueueFull } from './bounded-semaphore';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('BoundedSemaphore', () => {
  it('runs at most `slots` at once, queues up to `queueLimit`, refuses the rest at once', async () => {
    const semaphore = new BoundedSemaphore(2, 1);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      semaphore.run(async () => {
        started.push(index);
        await gate.promise;
        return index;
      }),
    );
    await expect(semaphore.run(async () => 'late')).rejects.toBeInstanceOf(SemaphoreQueueFull);
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(semaphore.load).toEqual({ running: 2, waiting: 1 });

    gates[0].resolve();
    await runs[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    expect(semaphore.load).toEqual({ running: 2, waiting: 0 });

    gates[1].resolve();
    gates[2].resolve();
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2]);
    expect(semaphore.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot of a run that fails', async () => {
    const semaphore = new BoundedSemaphore(1, 0);
    await expect(semaphore.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(semaphore.run(async () => 'next')).resolves.toBe('next');
  });
});
