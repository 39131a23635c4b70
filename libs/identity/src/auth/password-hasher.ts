import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import * as argon2 from 'argon2';
import { Environment } from '@mutualis/core';
import { IdentityErrorCode, IdentityException } from '../identity.exception';
import { BoundedSemaphore, SemaphoreQueueFull } from './bounded-semaphore';

/** What a client refused for hashing load is told to wait: about one queue's worth of hashes. */
const BUSY_RETRY_AFTER_SECONDS = 2;

/**
 * argon2id with the library's current defaults (64 MiB, 3 passes), which follow RFC 9106's advice.
 *
 * Each hash takes ~0.1 s of a core and 64 MiB, so hashes go through a small semaphore
 * (PASSWORD_HASH_CONCURRENCY at once, PASSWORD_HASH_QUEUE_MAX waiting): a burst of logins
 * waits in a short line instead of sharing the cores with every other request, and past the
 * line it is refused at once (503 with Retry-After) rather than making everyone's login slow.
 */
@Injectable()
export class PasswordHasher {
  // Verified against when the e-mail is unknown, so a failed login takes as long either way.
  private readonly decoy = argon2.hash('not a real password, only here for timing', {
    type: argon2.argon2id,
  });
  private readonly gate: BoundedSemaphore;

  constructor(config: ConfigService<Environment, true>) {
    this.gate = new BoundedSemaphore(
      config.get('PASSWORD_HASH_CONCURRENCY', { infer: true }),
      config.get('PASSWORD_HASH_QUEUE_MAX', { infer: true }),
    );
  }

  hash(password: string): Promise<string> {
    return this.gated(() => argon2.hash(password, { type: argon2.argon2id }));
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    const against = hash ?? (await this.decoy);
    return this.gated(async () => {
      try {
        return await argon2.verify(against, password);
      } catch {
        return false;
      }
    });
  }

  /** Hashes running and waiting now. */
  get load(): { running: number; waiting: number } {
    return this.gate.load;
  }

  private async gated<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.gate.run(work);
    } catch (error) {
      if (!(error instanceof SemaphoreQueueFull)) throw error;
      const busy = new IdentityException(
        IdentityErrorCode.PasswordHashingBusy,
        'too many sign-ins are being checked right now; try again in a moment',
      );
      busy.retryAfterSeconds = BUSY_RETRY_AFTER_SECONDS;
      throw busy;
    }
  }
}
