import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@mutualis/identity';
import type { LoginSessionView } from '@mutualis/identity';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** Links carry 43 base64url characters; anything much longer is not one of ours. */
const TOKEN_MAX_LENGTH = 100;

export class RegistrationAcceptedDto {
  @ApiProperty({ description: 'The address the registration was made for.' })
  email!: string;

  @ApiProperty({
    enum: ['check_your_inbox'],
    description:
      'The same whether or not the address already had an account: a new account gets a verification link, an existing one a notice.',
  })
  next!: 'check_your_inbox';
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'camille.martin@asso-exemple.fr' })
  @Transform(trim)
  @IsEmail({}, { message: 'must be a valid e-mail address' })
  @MaxLength(254)
  email!: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token of the link received by e-mail.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TOKEN_MAX_LENGTH)
  token!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class VerifyEmailDto {
  @ApiProperty({ description: 'The token of the verification link received by e-mail.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TOKEN_MAX_LENGTH)
  token!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword!: string;
}

export class ChangeEmailDto {
  @ApiProperty({ example: 'camille@nouvelle-asso.fr' })
  @Transform(trim)
  @IsEmail({}, { message: 'must be a valid e-mail address' })
  @MaxLength(254)
  newEmail!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;
}

export class LoginSessionDto implements LoginSessionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', description: 'The last sign-in or token refresh.' })
  lastUsedAt!: string;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty({ type: String, nullable: true }) clientAddress!: string | null;
  @ApiProperty({ description: 'The session this request was made with.' }) current!: boolean;
}

export class RevokedSessionsDto {
  @ApiProperty({ description: 'How many sessions were signed out.' }) revoked!: number;
}
