import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  DEPARTMENT_PATTERN,
  LEGAL_FORMS,
  LegalForm,
  MEMBERSHIP_STATUSES,
  MembershipStatus,
  ORGANISATION_ROLES,
  OrganisationRole,
  SERVICE_CODE_MAX_LENGTH,
} from '@mutualis/identity';
import { PageQueryDto } from '../../http/page.dto';
import { IdParams } from '../../http/params.dto';
import { IsOmittable } from '../../http/validators';
import { MembershipSummaryDto } from './user.dto';
import type {
  AddressView,
  ChorusStructureView,
  InvitationPreview,
  IssuedInvitation,
  MemberView,
  MembershipView,
  OrganisationView,
} from '@mutualis/identity';
import type { Page } from '@mutualis/core';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const digitsOnly = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.replace(/[\s.]/g, '') : value;
/** A form's empty field is no identifier at all. */
const digitsOrNone = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.replace(/[\s.]/g, '') || null : value;

export class AddressDto {
  @ApiProperty({ example: '12 rue de la République' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  line1!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Bâtiment B' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  line2?: string | null;

  @ApiProperty({ example: '13001' })
  @Transform(trim)
  @Matches(/^\d{5}$/, { message: 'must be a 5-digit French postal code' })
  postalCode!: string;

  @ApiProperty({ example: 'Marseille' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  city!: string;

  @ApiPropertyOptional({ default: 'FR', example: 'FR' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code' })
  country?: string;
}

export class ChorusStructureInputDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'SIRET of the Chorus Pro structure its invoices are deposited to; null or omitted at creation: the organisation’s own.',
    example: '21130055300016',
  })
  @IsOptional()
  @Transform(digitsOnly)
  @Matches(/^\d{14}$/, { message: 'must be 14 digits' })
  structureSiret?: string | null;

  @ApiPropertyOptional({ description: 'Its invoices must carry a service code (code service).' })
  @IsOmittable()
  @IsBoolean()
  serviceCodeRequired?: boolean;

  @ApiPropertyOptional({
    description: 'Its invoices must carry an engagement number (numéro d’engagement juridique).',
  })
  @IsOmittable()
  @IsBoolean()
  engagementNumberRequired?: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: SERVICE_CODE_MAX_LENGTH,
    description: 'The service code a booking takes when it gives none.',
    example: 'SERV-FORMATION',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(SERVICE_CODE_MAX_LENGTH)
  defaultServiceCode?: string | null;
}

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Les Jardins Partagés du Panier' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(250)
  legalName!: string;

  @ApiProperty({ enum: LEGAL_FORMS })
  @IsIn(LEGAL_FORMS)
  legalForm!: LegalForm;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      '14 digits, Luhn-checked (La Poste exception honoured). May be omitted (or null) only by an association giving its RNA number; required for a public body.',
    example: '73282932000074',
  })
  @Transform(digitsOrNone)
  @IsOptional()
  @Matches(/^\d{14}$/, { message: 'must be 14 digits' })
  siret?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'Associations: W followed by 9 digits. An organisation gives a SIRET, an RNA number, or both.',
    example: 'W133012345',
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() || null : value,
  )
  @IsOptional()
  @Matches(/^W\d{9}$/, { message: 'must be W followed by 9 digits' })
  rna?: string | null;

  @ApiProperty({ type: AddressDto })
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  @ApiPropertyOptional({ description: 'Derived from the postal code when omitted.', example: '13' })
  @IsOptional()
  @Matches(DEPARTMENT_PATTERN, { message: 'must be a French département code (13, 2A, 974…)' })
  department?: string;

  @ApiProperty({ example: 'compta@asso-exemple.fr' })
  @Transform(trim)
  @IsEmail({}, { message: 'must be a valid e-mail address' })
  @MaxLength(254)
  billingEmail!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'FR44732829320' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}\s?[0-9A-Za-z\s]{2,16}$/, {
    message: 'must be an intra-EU VAT number such as FR44732829320',
  })
  vatNumber?: string | null;

  @ApiPropertyOptional({ description: 'Set by the Chambre only.', default: false })
  @IsOmittable()
  @IsBoolean()
  isPublicBody?: boolean;

  @ApiPropertyOptional({
    description:
      'Liable to VAT (assujetti à la TVA). Omitted: the default of the legal form (associations and foundations no, others yes, public bodies no).',
  })
  @IsOmittable()
  @IsBoolean()
  vatRegistered?: boolean;

  @ApiPropertyOptional({
    type: ChorusStructureInputDto,
    description: 'Public bodies only: their Chorus Pro structure.',
  })
  @IsOmittable()
  @ValidateNested()
  @Type(() => ChorusStructureInputDto)
  chorusStructure?: ChorusStructureInputDto;
}

// A field left out is unchanged; null is a value, refused where the field is not nullable (it
// used to pass as "optional" and fail a NOT NULL constraint with a 500).
export class PartialAddressDto extends PartialType(AddressDto, { skipNullProperties: false }) {}

export class UpdateOrganisationDto extends PartialType(
  OmitType(CreateOrganisationDto, ['address'] as const),
  { skipNullProperties: false },
) {
  @ApiPropertyOptional({ type: PartialAddressDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => PartialAddressDto)
  address?: PartialAddressDto;
}

export class AddressViewDto implements AddressView {
  @ApiProperty() line1!: string;
  @ApiProperty({ type: String, nullable: true }) line2!: string | null;
  @ApiProperty() postalCode!: string;
  @ApiProperty() city!: string;
  @ApiProperty() country!: string;
}

export class ChorusStructureDto implements ChorusStructureView {
  @ApiProperty({ description: 'The structure’s SIRET (the organisation’s own unless another).' })
  structureSiret!: string;
  @ApiProperty() serviceCodeRequired!: boolean;
  @ApiProperty() engagementNumberRequired!: boolean;
  @ApiProperty({ type: String, nullable: true }) defaultServiceCode!: string | null;
}

export class OrganisationDto implements OrganisationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() legalName!: string;
  @ApiProperty({ enum: LEGAL_FORMS }) legalForm!: LegalForm;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Null for an association known by its RNA number only.',
  })
  siret!: string | null;
  @ApiProperty({ type: String, nullable: true }) rna!: string | null;
  @ApiProperty({ type: AddressViewDto }) address!: AddressViewDto;
  @ApiProperty() department!: string;
  @ApiProperty() billingEmail!: string;
  @ApiProperty({ type: String, nullable: true }) vatNumber!: string | null;
  @ApiProperty() isPublicBody!: boolean;
  @ApiProperty({
    description: 'Liable to VAT (assujetti): decides its e-invoicing flow from 2027.',
  })
  vatRegistered!: boolean;
  @ApiProperty({ type: ChorusStructureDto, nullable: true, description: 'Public bodies only.' })
  chorusStructure!: ChorusStructureDto | null;
  @ApiProperty({ type: MembershipSummaryDto, nullable: true })
  membership!: MembershipSummaryDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class OrganisationPageDto implements Page<OrganisationView> {
  @ApiProperty({ type: [OrganisationDto] }) items!: OrganisationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ListOrganisationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Part of the legal name, or the start of the SIRET or of the RNA number.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: '13' })
  @IsOptional()
  @Matches(DEPARTMENT_PATTERN, { message: 'must be a French département code' })
  department?: string;
}

export class SetMembershipDto {
  @ApiProperty({ enum: MEMBERSHIP_STATUSES })
  @IsIn(MEMBERSHIP_STATUSES)
  status!: MembershipStatus;

  @ApiProperty({ description: 'Yearly fee in euro cents.', example: 12000 })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  feeCents!: number;
}

export class MembershipDto implements MembershipView {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status!: MembershipStatus;
  @ApiProperty() feeCents!: number;
  @ApiProperty({ enum: ['EUR'] }) currency!: 'EUR';
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class MembershipYearParams extends IdParams {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class InviteDto {
  @ApiProperty({ example: 'tresorier@asso-exemple.fr' })
  @Transform(trim)
  @IsEmail({}, { message: 'must be a valid e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ enum: ORGANISATION_ROLES, default: 'org_member' })
  @IsOmittable()
  @IsIn(ORGANISATION_ROLES)
  role: OrganisationRole = 'org_member';
}

export class InvitationDto implements IssuedInvitation {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role!: OrganisationRole;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({
    description: 'Link for the invited person; only their e-mail address can accept it.',
  })
  acceptUrl!: string;
  @ApiProperty({ description: 'The token of the link, for POST /invitations/{token}/accept.' })
  token!: string;
}

export class InvitationPreviewDto implements InvitationPreview {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role!: OrganisationRole;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class AcceptedInvitationDto {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role!: OrganisationRole;
}

export class MemberDto implements MemberView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role!: OrganisationRole;
  @ApiProperty({ format: 'date-time' }) since!: Date;
}

export class MemberParams extends IdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  userId!: string;
}

export class TokenParams {
  @ApiProperty()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'is not an invitation token' })
  token!: string;
}

export class ChangeMemberRoleDto {
  @ApiProperty({ enum: ORGANISATION_ROLES })
  @IsIn(ORGANISATION_ROLES)
  role!: OrganisationRole;
}
