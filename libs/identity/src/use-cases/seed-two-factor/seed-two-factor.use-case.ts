import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment, NodeEnv } from '@mutualis/core';
import { TwoFactorRepository } from '../../repositories/two-factor.repository';
import { SecretCipher } from '../../two-factor/secret-cipher';

/**
 * Turns two-factor authentication on with a secret known in advance: the demo accounts' published
 * secrets, so people can try the demo with an authenticator app. Refused in production; leaves
 * an account that already has it alone.
 */
@Injectable()
export class SeedTwoFactorUseCase {
  constructor(
    private readonly config: ConfigService<Environment, true>,
    private readonly repository: TwoFactorRepository,
    private readonly cipher: SecretCipher,
  ) {}

  /** True when it was turned on now. */
  async execute(userId: string, secret: string): Promise<boolean> {
    if (this.config.get('NODE_ENV', { infer: true }) === NodeEnv.Production) {
      throw new Error('refusing to seed a known TOTP secret with NODE_ENV=production');
    }
    if ((await this.repository.findTotp(userId))?.enabledAt) return false;
    await this.repository.savePendingTotp(userId, this.cipher.encrypt(secret, userId));
    await this.repository.transaction((manager) => this.repository.enableSeeded(userId, manager));
    return true;
  }
}
