/** Thrown instead of waiting when every slot is taken and the wait queue is full. */
export class SemaphoreQueueFull extends Error {
  constructor() {
    super('every slot is taken and the wait queue is full');
    this.name = 'SemaphoreQueueFull';
  }
}

/**
 * At most `slots` pieces of work run at once; up to `queueLimit` more wait their turn, first
 * come first served; anything beyond is refused at once, so waiting stays bounded.
 */
export class BoundedSemaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly slots: number,
    readonly queueLimit: number,
  ) {}

  /** Runs `work` in a slot, or throws SemaphoreQueueFull without running it. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.slots) this.running++;
    else if (this.waiting.length >= this.queueLimit) throw new SemaphoreQueueFull();
    // The releasing run hands its slot over directly, so `running` stays counted.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Work running and waiting now (for tests and diagnostics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
