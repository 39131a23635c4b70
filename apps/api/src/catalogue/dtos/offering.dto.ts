import { ApiHideProperty, ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsEmpty,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AccessibilityReferent,
  TrainingModule,
  TrainingPedagogy,
  MODERATED_FIELDS,
  ModeratedField,
  OfferingRevisionStatus,
  DELIVERY_MODES,
  DeliveryMode,
  OFFERING_KINDS,
  OFFERING_STATUSES,
  OfferingKind,
  OfferingStatus,
  VAT_TREATMENTS,
  VatTreatment,
} from '@mutualis/catalogue';
import { PageQueryDto } from '../../http/page.dto';
import { DEPARTMENT_CODE, IsOmittable } from '../../http/validators';
import type {
  AppliedPrice,
  ManagedOfferingView,
  OfferingRevisionView,
  OfferingView,
  PendingRevisionView,
} from '@mutualis/catalogue';
import type { Page } from '@mutualis/core';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const MAX_PRICE_CENTS = 10_000_000;
const VAT_TREATMENT_DESCRIPTION =
  'The VAT regime, set by the Chambre (GET /api/vat-regimes lists them with their legal basis): ' +
  'standard (20 %, CGI art. 256 and 278); exempt_training (art. 261, 4, 4° a, trainings only, once the ' +
  'Chambre’s DREETS attestation is dated); exempt_members (art. 261, 7, 1° a); ' +
  'out_of_scope_disbursement (art. 267, II, 2°); out_of_scope_subsidy (art. 266, 1, a).';
const OFFERING_REVISION_STATUSES: OfferingRevisionStatus[] = [
  'pending',
  'approved',
  'rejected',
  'withdrawn',
];

export class RefundTierDto {
  @ApiProperty({ example: 14, description: 'Cancelling at least this many days before the start…' })
  @IsInt()
  @Min(0)
  @Max(365)
  daysBefore!: number;

  @ApiProperty({ example: 100, description: '…refunds this percentage.' })
  @IsInt()
  @Min(0)
  @Max(100)
  refundPercent!: number;
}

export class CancellationPolicyDto {
  @ApiProperty({
    type: [RefundTierDto],
    description:
      'From the earliest cancellation to the latest; later than every tier refunds nothing.',
    example: [
      { daysBefore: 14, refundPercent: 100 },
      { daysBefore: 7, refundPercent: 50 },
    ],
  })
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => RefundTierDto)
  tiers!: RefundTierDto[];
}

export class TrainingModuleDto implements TrainingModule {
  @ApiProperty({ example: 'Module 1 : le contrat de travail' })
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ description: 'What the module covers.', maxLength: 4000 })
  @IsString()
  @MaxLength(4000)
  content!: string;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 210 })
  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(10080)
  durationMinutes?: number | null;
}

export class AccessibilityReferentDto implements AccessibilityReferent {
  @ApiProperty({ example: 'Claire Martin' })
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'handicap@chambre-ess.fr' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '04 91 00 00 00' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string | null;
}

/**
 * A training's content as R6353-1 and Qualiopi (indicators 1–7) require it. Every field may be
 * left out while drafting; submitting a training answers 422 with each one still missing.
 */
export class TrainingPedagogyDto implements TrainingPedagogy {
  @ApiPropertyOptional({
    type: [String],
    example: ['Rédiger un contrat de travail conforme à la convention collective'],
    description: 'Operational objectives, one per item.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  objectives?: string[];

  @ApiPropertyOptional({ example: 'Aucun' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  prerequisites?: string;

  @ApiPropertyOptional({ description: 'The public it is for (« public visé »).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  audience?: string;

  @ApiPropertyOptional({ type: [TrainingModuleDto], description: 'The programme, by module.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => TrainingModuleDto)
  modules?: TrainingModuleDto[];

  @ApiPropertyOptional({ description: 'Teaching methods and means.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  teachingMethods?: string;

  @ApiPropertyOptional({ description: 'How acquired knowledge is evaluated.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  evaluationMethods?: string;

  @ApiPropertyOptional({ description: 'Accessibility for people with disabilities.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  accessibility?: string;

  @ApiPropertyOptional({ type: AccessibilityReferentDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AccessibilityReferentDto)
  accessibilityReferent?: AccessibilityReferentDto;

  @ApiPropertyOptional({
    example: 'Inscription possible jusqu’à 7 jours avant la session',
    description: 'Access time (« délai d’accès »).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  accessDelay?: string;

  @ApiPropertyOptional({ example: 'Un ordinateur portable' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  whatToBring?: string;
}

export class CreateOfferingDto {
  @ApiProperty({ example: 'Formations pour employeurs associatifs : les fondamentaux' })
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  @Matches(/\S.*\S.*\S/s, { message: 'must be at least 3 characters long' })
  title!: string;

  @ApiProperty({ maxLength: 500 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  summary!: string;

  @ApiProperty({ description: 'Markdown; raw HTML is shown as text.', maxLength: 20000 })
  @IsString()
  @MaxLength(20000)
  description!: string;

  @ApiProperty({ example: 'formation', description: 'See GET /api/categories.' })
  @IsString()
  @MaxLength(60)
  categorySlug!: string;

  @ApiProperty({ enum: OFFERING_KINDS })
  @IsIn(OFFERING_KINDS)
  kind!: OfferingKind;

  @ApiProperty({ enum: DELIVERY_MODES })
  @IsIn(DELIVERY_MODES)
  deliveryMode!: DeliveryMode;

  @ApiProperty({ type: [String], example: ['13', '84'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(110)
  @Matches(DEPARTMENT_CODE, {
    each: true,
    message: 'must contain French département codes (13, 2A, 974…)',
  })
  departments!: string[];

  @ApiProperty({ example: 420, description: 'Minutes of one session or slot.' })
  @IsInt()
  @Min(15)
  @Max(10080)
  durationMinutes!: number;

  @ApiProperty({ example: 18000, description: 'Excluding VAT, euro cents.' })
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_CENTS)
  memberPriceCents!: number;

  @ApiProperty({ example: 26000, description: 'Excluding VAT, euro cents.' })
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_CENTS)
  nonMemberPriceCents!: number;

  /**
   * Not accepted: the VAT regime is the Chambre's decision (PUT /offerings/:id/vat-treatment),
   * never the consultant's. Refused with a 400 naming the field rather than silently dropped, so
   * that a client which believes it set a regime learns it did not; hidden from the OpenAPI.
   */
  @ApiHideProperty()
  @IsEmpty({
    message:
      'is set by the Chambre (finance or admin), not by the consultant: a new offering takes the Chambre’s default for its kind',
  })
  vatTreatment?: never;

  @ApiPropertyOptional({
    type: CancellationPolicyDto,
    description: 'Defaults to 100 % until D-14, 50 % until D-7.',
  })
  @IsOmittable()
  @ValidateNested()
  @Type(() => CancellationPolicyDto)
  cancellationPolicy?: CancellationPolicyDto;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxSeatsPerOrganisation?: number | null;

  @ApiPropertyOptional({
    type: TrainingPedagogyDto,
    nullable: true,
    description:
      'A training’s pedagogical content (R6353-1), required complete before it is submitted; on a published offering it goes live once the Chambre approves it.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrainingPedagogyDto)
  pedagogy?: TrainingPedagogyDto | null;
}

// Left out is unchanged; null is refused unless the field is nullable (NOT NULL columns answered 500).
export class UpdateOfferingDto extends PartialType(CreateOfferingDto, {
  skipNullProperties: false,
}) {}

export class RejectOfferingDto {
  @ApiProperty({
    description: 'Shown to the consultant.',
    example: 'Précisez le public visé et les prérequis.',
  })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ListOwnOfferingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: OFFERING_STATUSES, isArray: true, description: 'Comma-separated.' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',') : value,
  )
  @IsIn(OFFERING_STATUSES, { each: true })
  status?: OfferingStatus[];
}

export class PriceDto implements AppliedPrice {
  @ApiProperty({ description: 'Excluding VAT, euro cents.' }) unitPriceCents!: number;
  @ApiProperty({ description: 'Whether it is the member price.' }) memberPrice!: boolean;
}

export class OfferingDto implements OfferingView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ description: 'Markdown.' }) description!: string;
  @ApiProperty() categorySlug!: string;
  @ApiProperty({ enum: OFFERING_KINDS }) kind!: OfferingKind;
  @ApiProperty({ enum: DELIVERY_MODES }) deliveryMode!: DeliveryMode;
  @ApiProperty({ type: [String] }) departments!: string[];
  @ApiProperty() durationMinutes!: number;
  @ApiProperty() memberPriceCents!: number;
  @ApiProperty() nonMemberPriceCents!: number;
  @ApiProperty({ enum: ['EUR'] }) currency!: 'EUR';
  @ApiProperty({ enum: VAT_TREATMENTS, description: VAT_TREATMENT_DESCRIPTION })
  vatTreatment!: VatTreatment;
  @ApiProperty({ type: CancellationPolicyDto }) cancellationPolicy!: CancellationPolicyDto;
  @ApiProperty({ type: Number, nullable: true }) maxSeatsPerOrganisation!: number | null;
  @ApiProperty({
    type: TrainingPedagogyDto,
    nullable: true,
    description: 'A training’s pedagogical content (R6353-1); null until written.',
  })
  pedagogy!: TrainingPedagogyDto | null;
  @ApiProperty({ enum: OFFERING_STATUSES }) status!: OfferingStatus;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Shown to its consultant and admins only.',
  })
  rejectionReason!: string | null;
  @ApiProperty({ format: 'uuid', description: 'The user id of the consultant.' })
  consultantId!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class SetVatTreatmentDto {
  @ApiProperty({ enum: VAT_TREATMENTS, description: VAT_TREATMENT_DESCRIPTION })
  @IsIn(VAT_TREATMENTS)
  vatTreatment!: VatTreatment;
}

export class OfferingRevisionDto implements OfferingRevisionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) offeringId!: string;
  @ApiProperty({ enum: OFFERING_REVISION_STATUSES }) status!: OfferingRevisionStatus;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ description: 'Markdown.' }) description!: string;
  @ApiProperty({ description: 'Excluding VAT, euro cents.' }) memberPriceCents!: number;
  @ApiProperty({ description: 'Excluding VAT, euro cents.' }) nonMemberPriceCents!: number;
  @ApiProperty({
    enum: VAT_TREATMENTS,
    nullable: true,
    description:
      'The VAT regime proposed (by the Chambre’s finance or admins); null on revisions reviewed before VAT regimes were moderated.',
  })
  vatTreatment!: VatTreatment | null;
  @ApiProperty({
    type: TrainingPedagogyDto,
    nullable: true,
    description: 'The pedagogical content proposed; null on revisions made before it existed.',
  })
  pedagogy!: TrainingPedagogyDto | null;
  @ApiProperty({
    enum: MODERATED_FIELDS,
    isArray: true,
    description: 'The fields whose proposed value differs from the live offering’s.',
  })
  changedFields!: ModeratedField[];
  @ApiProperty({ format: 'uuid' }) proposedBy!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reviewedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectionReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** An offering as its consultant and the Chambre's admins see it: live, with its revisions. */
export class ManagedOfferingDto extends OfferingDto implements ManagedOfferingView {
  @ApiProperty({
    type: OfferingRevisionDto,
    nullable: true,
    description:
      'Changes to a published offering’s title, summary, description, prices or VAT regime awaiting the Chambre’s review; the fields above stay live until approved.',
  })
  pendingRevision!: OfferingRevisionDto | null;
  @ApiProperty({
    type: OfferingRevisionDto,
    nullable: true,
    description: 'The latest proposed changes when they were rejected (with the reason).',
  })
  rejectedRevision!: OfferingRevisionDto | null;
}

export class PendingRevisionDto implements PendingRevisionView {
  @ApiProperty({ type: OfferingDto, description: 'The live offering (before).' })
  offering!: OfferingDto;
  @ApiProperty({ type: OfferingRevisionDto, description: 'The proposed version (after).' })
  revision!: OfferingRevisionDto;
}

export class PendingRevisionPageDto implements Page<PendingRevisionView> {
  @ApiProperty({ type: [PendingRevisionDto] }) items!: PendingRevisionDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class OfferingPageDto implements Page<OfferingView> {
  @ApiProperty({ type: [OfferingDto] }) items!: OfferingDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
