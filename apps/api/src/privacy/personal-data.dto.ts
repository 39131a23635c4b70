import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class EraseMyAccountDto {
  @ApiProperty({ description: 'The account’s current password, confirming the erasure.' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;

  @ApiPropertyOptional({
    description:
      'Go on although organisations of which the caller is the only admin will have none (otherwise 409 names them).',
  })
  @IsOptional()
  @IsBoolean()
  confirmOrphanedOrganisations?: boolean;
}

export class EraseUserDto {
  @ApiPropertyOptional({
    description:
      'Go on although organisations of which the user is the only admin will have none (otherwise 409 names them).',
  })
  @IsOptional()
  @IsBoolean()
  confirmOrphanedOrganisations?: boolean;
}

export class PersonalDataExportDto {
  @ApiProperty({ example: 'mutualis.personal-data.v1' }) format!: string;
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  subject!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Account, organisations and roles, invitations sent and received, sessions.',
  })
  identity!: Record<string, unknown>;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Bookings made, and bookings in which a seat is the caller’s.',
  })
  bookings!: Record<string, unknown>[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Messages addressed to the caller and their mail preferences.',
  })
  notifications!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true })
  catalogue!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Membership applications submitted by the caller or naming them as contact.',
  })
  membership!: Record<string, unknown>;
}
