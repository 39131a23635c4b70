import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  APPLICATION_KINDS,
  APPLICATION_STATUSES,
  ApplicationKind,
  ApplicationStatus,
  CharterView,
  COTISATION_VAT_TREATMENTS,
  CotisationVatTreatment,
  FEE_BASES,
  FeeBasis,
  FeeRateView,
  FeeScheduleView,
  MEMBER_FAMILIES,
  MemberFamily,
  MembershipApplicationView,
  MembershipYearView,
} from '@mutualis/membership';
import { MEMBERSHIP_STATUSES, MembershipStatus } from '@mutualis/identity';
import { PageQueryDto } from '../http/page.dto';
import { IdParams } from '../http/params.dto';
import { IsCalendarDate, IsOmittable } from '../http/validators';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** A cotisation or a bound: whole cents (or people), below a billion euros. */
const MAX_CENTS = 100_000_000_000;

export class YearParams {
  @ApiProperty({ example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class OrganisationYearParams extends IdParams {
  @ApiProperty({ example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class CertificateQueryDto {
  @ApiProperty({ example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class FeeRateDto implements FeeRateView {
  @ApiProperty({ enum: MEMBER_FAMILIES })
  @IsIn(MEMBER_FAMILIES)
  family!: MemberFamily;

  @ApiProperty({ enum: FEE_BASES, description: 'Employees, or the annual budget in cents.' })
  @IsIn(FEE_BASES)
  basis!: FeeBasis;

  @ApiProperty({ description: 'Included.', example: 10 })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  lowerBound!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Excluded; null: no upper bound.' })
  @ValidateIf((_, value: unknown) => value !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  upperBound!: number | null;

  @ApiProperty({ description: 'The yearly fee in cents.', example: 18000 })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  amountCents!: number;
}

export class FeeScheduleBodyDto {
  @ApiProperty({ enum: COTISATION_VAT_TREATMENTS })
  @IsIn(COTISATION_VAT_TREATMENTS)
  vatTreatment!: CotisationVatTreatment;

  @ApiProperty({ type: Number, nullable: true, description: 'The fee of a first adhésion.' })
  @ValidateIf((_, value: unknown) => value !== null)
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  firstYearFeeCents!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Joins on or after this day pay pro rata of the whole months left.',
    example: '2027-07-01',
  })
  @ValidateIf((_, value: unknown) => value !== null)
  @IsCalendarDate()
  prorataFrom!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Unpaid memberships of the year lapse the day after.',
    example: '2027-03-31',
  })
  @ValidateIf((_, value: unknown) => value !== null)
  @IsCalendarDate()
  graceUntil!: string | null;

  @ApiProperty({ type: [Number], example: [30, 60] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(365, { each: true })
  reminderDays!: number[];

  @ApiProperty({ example: 75 })
  @IsInt()
  @Min(1)
  @Max(365)
  finalNoticeDays!: number;

  @ApiProperty()
  @IsBoolean()
  publicBodiesActiveOnApproval!: boolean;

  @ApiProperty({ type: [FeeRateDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => FeeRateDto)
  rates!: FeeRateDto[];
}

export class FeeScheduleDto extends FeeScheduleBodyDto implements FeeScheduleView {
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'The VAT mention membership invoices print.' })
  vatMention!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class FeeOverrideBodyDto {
  @ApiProperty({ description: 'The fee in cents, excl. VAT when taxable.', example: 9000 })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  amountCents!: number;

  @ApiProperty({ example: 'Association en redressement : cotisation réduite de moitié.' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

export class FeeOverrideDto {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() year!: number;
  @ApiProperty() amountCents!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) setAt!: string;
}

export class CharterBodyDto {
  @ApiProperty({ example: 'Charte de l’ESS' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100_000)
  body!: string;
}

export class CharterDto implements CharterView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
}

export class ApplicationBodyDto {
  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ enum: MEMBER_FAMILIES })
  @IsIn(MEMBER_FAMILIES)
  family!: MemberFamily;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 12 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  headcount?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 25_000_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  annualBudgetCents?: number | null;

  @ApiProperty({ example: 'Marie Dupont' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  contactName!: string;

  @ApiProperty({ example: 'presidence@asso-exemple.fr' })
  @Transform(trim)
  @IsEmail({}, { message: 'must be a valid e-mail address' })
  @MaxLength(254)
  contactEmail!: string;

  @ApiProperty({ description: 'The version of the charter accepted: the current one.' })
  @IsInt()
  @Min(1)
  charterVersion!: number;

  @ApiProperty({ enum: [true] })
  @Equals(true, { message: 'the charter must be accepted' })
  acceptCharter!: true;
}

export class RefusalBodyDto {
  @ApiProperty({ example: 'Votre siège n’est pas dans la région.' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

export class ApplicationDto implements MembershipApplicationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ enum: APPLICATION_KINDS }) kind!: ApplicationKind;
  @ApiProperty({ enum: MEMBER_FAMILIES }) family!: MemberFamily;
  @ApiProperty({ type: Number, nullable: true }) headcount!: number | null;
  @ApiProperty({ type: Number, nullable: true }) annualBudgetCents!: number | null;
  @ApiProperty() contactName!: string;
  @ApiProperty() contactEmail!: string;
  @ApiProperty() charterVersion!: number;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: ApplicationStatus;
  @ApiProperty({ type: String, nullable: true }) refusalReason!: string | null;
  @ApiProperty({ type: Number, nullable: true }) feeCents!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) invoiceId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt!: string | null;
}

export class ApplicationPageDto {
  @ApiProperty({ type: [ApplicationDto] }) items!: ApplicationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ListApplicationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOmittable()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
}

export class MembershipYearInvoiceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) number!: string | null;
  @ApiProperty() status!: string;
  @ApiProperty() amountDueCents!: number;
}

export class MembershipYearDto implements MembershipYearView {
  @ApiProperty() year!: number;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status!: MembershipStatus;
  @ApiProperty() feeCents!: number;
  @ApiProperty({ type: MembershipYearInvoiceDto, nullable: true })
  invoice!: MembershipYearInvoiceDto | null;
  @ApiProperty() certificateAvailable!: boolean;
}
