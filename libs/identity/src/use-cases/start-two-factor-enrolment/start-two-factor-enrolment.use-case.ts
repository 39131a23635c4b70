import { Injectable } from '@nestjs/common';
import * as QRCode from 'qrcode';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { TwoFactorRepository } from '../../repositories/two-factor.repository';
import { UserRepository } from '../../repositories/user.repository';
import { SecretCipher } from '../../two-factor/secret-cipher';
import { newTotpSecret, TOTP_DIGITS, TOTP_PERIOD_SECONDS, totpUri } from '../../two-factor/totp';

export interface TwoFactorEnrolment {
  /** The secret in base32, for typing into an app that cannot scan. */
  secret: string;
  otpauthUri: string;
  /** The URI as a QR code, an SVG data URL for an <img>. */
  qrCode: string;
  digits: number;
  period: number;
}

/**
 * Starts (or starts over) enrolling an authenticator app: a new secret, kept pending until a
 * code from the app confirms it. Refused while two-factor authentication is on.
 */
@Injectable()
export class StartTwoFactorEnrolmentUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly repository: TwoFactorRepository,
    private readonly cipher: SecretCipher,
  ) {}

  async execute(userId: string): Promise<TwoFactorEnrolment> {
    const user = await this.users.findById(userId);
    if (!user) throw new IdentityException(IdentityErrorCode.UserNotFound, 'user not found');
    const secret = newTotpSecret();
    const saved = await this.repository.savePendingTotp(
      userId,
      this.cipher.encrypt(secret, userId),
    );
    if (!saved) {
      throw new IdentityException(
        IdentityErrorCode.MfaAlreadyEnabled,
        'two-factor authentication is already on; turn it off first to enrol another app',
      );
    }
    const otpauthUri = totpUri(secret, user.email);
    const svg = await QRCode.toString(otpauthUri, {
      type: 'svg',
      margin: 2,
      errorCorrectionLevel: 'M',
    });
    return {
      secret,
      otpauthUri,
      qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
      digits: TOTP_DIGITS,
      period: TOTP_PERIOD_SECONDS,
    };
  }
}
