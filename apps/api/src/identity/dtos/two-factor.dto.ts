import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '@mutualis/identity';
import { RequestValidationException } from '../../http/request-validation.exception';
import type { MfaChallenge, TwoFactorEnrolment, TwoFactorStatus } from '@mutualis/identity';

const CODE = /^\s*\d{3}\s?\d{3}\s*$/;
const CODE_MESSAGE = 'must be the 6 digits shown by the authenticator app';

export class MfaChallengeDto implements MfaChallenge {
  @ApiProperty({ enum: [true], description: 'The password was right; a second factor is needed.' })
  mfaRequired!: true;

  @ApiProperty({ description: 'Single-use token for POST /auth/login/mfa.' })
  mfaToken!: string;

  @ApiProperty({ description: 'Seconds the token stays valid.', example: 300 })
  expiresIn!: number;
}

/** A code from the app or a recovery code: exactly one of the two. */
export class SecondFactorDto {
  @ApiPropertyOptional({ example: '123456', description: 'The 6 digits of the authenticator app.' })
  @ValidateIf((body: SecondFactorDto) => body.recoveryCode === undefined)
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  code?: string;

  @ApiPropertyOptional({
    example: 'k7m2p-x9qrt',
    description: 'One of the recovery codes, instead of a code.',
  })
  @ValidateIf((body: SecondFactorDto) => body.code === undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  recoveryCode?: string;
}

export class LoginMfaDto extends SecondFactorDto {
  @ApiProperty({ description: 'The token answered by POST /auth/login.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  mfaToken!: string;
}

export class ConfirmEnrolmentDto {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  code!: string;
}

/** Proof for changing the second factor: a code, a recovery code or the password (one of them). */
export class TwoFactorProofDto {
  @ApiPropertyOptional({ example: '123456' })
  @ValidateIf(
    (body: TwoFactorProofDto) => body.password === undefined && body.recoveryCode === undefined,
  )
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  code?: string;

  @ApiPropertyOptional({ example: 'k7m2p-x9qrt' })
  @ValidateIf((body: TwoFactorProofDto) => body.recoveryCode !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  recoveryCode?: string;

  @ApiPropertyOptional({ description: 'The account password, instead of a code.' })
  @ValidateIf((body: TwoFactorProofDto) => body.password !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;
}

/** Refuses a body that carries more than one of the named answers. */
export function assertOneOf(body: object, fields: string[]): void {
  const given = fields.filter((field) => (body as Record<string, unknown>)[field] !== undefined);
  if (given.length > 1) {
    throw new RequestValidationException(
      given.map((field) => ({ field, message: `give only one of ${fields.join(', ')}` })),
    );
  }
}

export class TwoFactorStatusDto implements TwoFactorStatus {
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ description: 'An enrolment awaits its first code.' }) pending!: boolean;
  @ApiProperty({ description: 'The user’s roles require two-factor authentication.' })
  required!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) enabledAt!: Date | null;
  @ApiProperty() recoveryCodesLeft!: number;
}

export class TwoFactorEnrolmentDto implements TwoFactorEnrolment {
  @ApiProperty({ description: 'The secret in base32, to type into an app that cannot scan.' })
  secret!: string;
  @ApiProperty({ example: 'otpauth://totp/Mutualis:camille%40exemple.fr?issuer=Mutualis&secret=…' })
  otpauthUri!: string;
  @ApiProperty({ description: 'The URI as a QR code: an SVG data URL.' }) qrCode!: string;
  @ApiProperty({ example: 6 }) digits!: number;
  @ApiProperty({ example: 30 }) period!: number;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], description: 'Shown this once; each works once.' })
  recoveryCodes!: string[];
}
