import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SESSION_STATUSES, SLOT_STATUSES, SessionStatus, SlotStatus } from '@mutualis/catalogue';
import { IsCalendarDate, IsInstant } from '../../http/validators';
import { PriceDto } from './offering.dto';
import type { SessionView, SlotView } from '@mutualis/catalogue';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class ScheduleSessionDto {
  @ApiProperty({ example: '2027-01-14T09:00:00+01:00' })
  @IsInstant()
  startsAt!: string;

  @ApiProperty({ example: '2027-01-14T17:00:00+01:00' })
  @IsInstant()
  endsAt!: string;

  @ApiProperty({ example: 12 })
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity!: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Cité des associations, 93 La Canebière, 13001 Marseille',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  location?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Revealed to booked attendees only.',
  })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'must be an https:// link' })
  @MaxLength(500)
  remoteUrl?: string | null;

  @ApiPropertyOptional({ description: 'Defaults to a day before the start.' })
  @IsOptional()
  @IsInstant()
  registrationDeadline?: string;
}

/** Left out: unchanged. A change of dates or place sends the trainees revised convocations. */
export class RescheduleSessionDto {
  @ApiPropertyOptional({ example: '2027-01-21T09:00:00+01:00' })
  @IsOptional()
  @IsInstant()
  startsAt?: string;

  @ApiPropertyOptional({ example: '2027-01-22T17:00:00+01:00' })
  @IsOptional()
  @IsInstant()
  endsAt?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Maison des associations, 12 rue Colbert, 13001 Marseille',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  location?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'must be an https:// link' })
  @MaxLength(500)
  remoteUrl?: string | null;
}

export class CancelSessionDto {
  @ApiPropertyOptional({ example: 'Intervenante indisponible' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class SlotTimesDto {
  @ApiProperty({ example: '2027-01-11T10:00:00+01:00' })
  @IsInstant()
  startsAt!: string;

  @ApiProperty({ example: '2027-01-11T11:00:00+01:00' })
  @IsInstant()
  endsAt!: string;
}

export class WeeklyPatternDto {
  @ApiProperty({ example: '2027-01-04' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2027-03-26' })
  @IsCalendarDate()
  to!: string;

  @ApiProperty({
    type: [Number],
    example: [1, 3],
    description: 'ISO weekdays: 1 = Monday … 7 = Sunday.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays!: number[];

  @ApiProperty({ type: [String], example: ['09:30', '14:00'], description: 'Local Paris times.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(24)
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { each: true, message: 'must contain times HH:mm' })
  startTimes!: string[];

  @ApiPropertyOptional({ description: 'Defaults to the offering’s duration.' })
  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(480)
  durationMinutes?: number;
}

export class OpenSlotsDto {
  @ApiPropertyOptional({ type: [SlotTimesDto], description: 'Slots one by one…' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => SlotTimesDto)
  slots?: SlotTimesDto[];

  @ApiPropertyOptional({ type: WeeklyPatternDto, description: '…or a weekly pattern (or both).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WeeklyPatternDto)
  pattern?: WeeklyPatternDto;
}

export class SessionDto implements SessionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) offeringId!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() capacity!: number;
  @ApiProperty({ description: 'Exact: capacity minus seats held or confirmed.' })
  seatsLeft!: number;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty({ type: String, nullable: true }) remoteUrl!: string | null;
  @ApiProperty({ format: 'date-time' }) registrationDeadline!: string;
  @ApiProperty({ enum: SESSION_STATUSES }) status!: SessionStatus;
  @ApiProperty({ type: PriceDto, description: 'The caller’s price per seat on this date.' })
  price!: PriceDto;
}

export class SlotDto implements SlotView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) offeringId!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ enum: SLOT_STATUSES }) status!: SlotStatus;
  @ApiProperty({ type: PriceDto }) price!: PriceDto;
}

export class PricingQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Whose price to show: one of the caller’s organisations (default: their only one).',
  })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'must be a UUID',
  })
  organisationId?: string;
}
