import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DELIVERY_MODES, DeliveryMode } from '@mutualis/catalogue';
import { PageQueryDto } from '../../http/page.dto';
import { DATE_PATTERN, DEPARTMENT_CODE, INSTANT_PATTERN } from '../../http/validators';
import { OfferingDto, OfferingRevisionDto, PriceDto } from './offering.dto';
import { SessionDto, SlotDto } from './schedule.dto';
import type {
  CategoryView,
  ConsultantProfileView,
  OfferingDetail,
  OfferingSummary,
  SearchResult,
} from '@mutualis/catalogue';

const DATE_OR_INSTANT = new RegExp(`(${DATE_PATTERN.source})|(${INSTANT_PATTERN.source})`);

export class SearchOfferingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: 'formation employeur',
    description: 'French full text; accents and plurals ignored.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: 'ressources-humaines' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  category?: string;

  @ApiPropertyOptional({ example: '13' })
  @IsOptional()
  @Matches(DEPARTMENT_CODE, { message: 'must be a French département code (13, 2A, 974…)' })
  department?: string;

  @ApiPropertyOptional({ enum: DELIVERY_MODES })
  @IsOptional()
  @IsIn(DELIVERY_MODES)
  mode?: DeliveryMode;

  @ApiPropertyOptional({
    example: '2027-01-01',
    description: 'A date (Paris) or an instant: sessions or slots from then.',
  })
  @IsOptional()
  @Matches(DATE_OR_INSTANT, {
    message: 'must be a date YYYY-MM-DD or an ISO 8601 date-time with an offset',
  })
  from?: string;

  @ApiPropertyOptional({
    example: '2027-03-31',
    description: 'A date (Paris, included) or an instant (excluded).',
  })
  @IsOptional()
  @Matches(DATE_OR_INSTANT, {
    message: 'must be a date YYYY-MM-DD or an ISO 8601 date-time with an offset',
  })
  to?: string;

  @ApiPropertyOptional({
    example: 20000,
    description: 'At most this price for the caller, excluding VAT.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  maxPriceCents?: number;

  @ApiPropertyOptional({
    description: 'Only offerings with seats left (or free slots) that can still be booked.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'must be true or false' })
  available?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Whose price to show: one of the caller’s organisations.',
  })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'must be a UUID',
  })
  organisationId?: string;
}

export class OfferingSummaryDto
  extends OmitType(OfferingDto, ['description', 'rejectionReason', 'pedagogy'] as const)
  implements OfferingSummary
{
  @ApiProperty({ type: PriceDto, description: 'What the caller would pay today, excluding VAT.' })
  price!: PriceDto;
  @ApiProperty({ type: [SessionDto] }) nextSessions!: SessionDto[];
  @ApiProperty({ type: [SlotDto] }) nextSlots!: SlotDto[];
}

type CategoryFacetShape = SearchResult['facets']['categories'][number];
export class CategoryFacetDto implements CategoryFacetShape {
  @ApiProperty() slug!: string;
  @ApiProperty() labelFr!: string;
  @ApiProperty() labelEn!: string;
  @ApiProperty() count!: number;
}

type FacetsShape = SearchResult['facets'];
export class FacetsDto implements FacetsShape {
  @ApiProperty({ type: [CategoryFacetDto] }) categories!: CategoryFacetDto[];
}

export class SearchResultDto implements SearchResult {
  @ApiProperty({ type: [OfferingSummaryDto] }) items!: OfferingSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
  @ApiProperty({ type: FacetsDto }) facets!: FacetsDto;
  @ApiProperty() total!: number;
}

type ConsultantSummaryShape = OfferingDetail['consultant'];
export class ConsultantSummaryDto implements ConsultantSummaryShape {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() bio!: string;
  @ApiProperty({ type: [String] }) expertise!: string[];
}

export class OfferingDetailDto extends OfferingDto implements OfferingDetail {
  @ApiProperty({ description: 'The description rendered to safe HTML.' }) descriptionHtml!: string;
  @ApiProperty({ type: ConsultantSummaryDto }) consultant!: ConsultantSummaryDto;
  @ApiProperty({ type: PriceDto }) price!: PriceDto;
  @ApiProperty({ type: [SessionDto] }) upcomingSessions!: SessionDto[];
  @ApiProperty({ type: [SlotDto] }) freeSlots!: SlotDto[];
  @ApiProperty({
    type: OfferingRevisionDto,
    nullable: true,
    description:
      'Its consultant and admins only (null for others): changes awaiting review; the fields above stay live until approved.',
  })
  pendingRevision!: OfferingRevisionDto | null;
  @ApiProperty({
    type: OfferingRevisionDto,
    nullable: true,
    description: 'Its consultant and admins only: the latest proposed changes, rejected.',
  })
  rejectedRevision!: OfferingRevisionDto | null;
}

export class CategoryDto implements CategoryView {
  @ApiProperty({ example: 'formation' }) slug!: string;
  @ApiProperty({ example: 'Formation' }) labelFr!: string;
  @ApiProperty({ example: 'Training' }) labelEn!: string;
}

export class ConsultantProfileDto implements ConsultantProfileView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() bio!: string;
  @ApiProperty({ type: [String] }) expertise!: string[];
  @ApiProperty({ type: [String] }) departments!: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: string | null;
}

export class UpdateConsultantProfileDto {
  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @MaxLength(5000)
  bio!: string;

  @ApiProperty({ type: [String], example: ['droit des associations', 'statuts'] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  expertise!: string[];

  @ApiProperty({ type: [String], example: ['13', '83'] })
  @IsArray()
  @ArrayMaxSize(110)
  @Matches(DEPARTMENT_CODE, {
    each: true,
    message: 'must contain French département codes (13, 2A, 974…)',
  })
  departments!: string[];
}
