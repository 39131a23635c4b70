import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id with the library's current defaults (64 MiB, 3 passes), which follow RFC 9106's advice. */
@Injectable()
export class PasswordHasher {
  // Verified against when the e-mail is unknown, so a failed login takes as long either way.
  private readonly decoy = argon2.hash('not a real password, only here for timing', {
    type: argon2.argon2id,
  });

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash ?? (await this.decoy), password);
    } catch {
      return false;
    }
  }
}
