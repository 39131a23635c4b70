import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  ATTENDANCE,
  Attendance,
  BOOKING_STATUSES,
  BookingStatus,
  CONFIRMATION_METHODS,
  ConfirmationMethod,
} from '@mutualis/booking';
import { BookedVatTreatment, VAT_TREATMENTS } from '@mutualis/catalogue';
import { ENGAGEMENT_NUMBER_MAX_LENGTH, SERVICE_CODE_MAX_LENGTH } from '@mutualis/identity';
import { PageQueryDto } from '../../http/page.dto';
import type {
  AttendanceResult,
  AttendeeListEntry,
  AttendeeView,
  BookedView,
  BookingView,
  CancellationResult,
  SessionCancellation,
  UnpaidPlacesAllowance,
} from '@mutualis/booking';
import type { Page } from '@mutualis/core';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class AttendeeInputDto {
  @ApiProperty({ example: 'Léa Dubois' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'lea.dubois@asso-exemple.fr' })
  @Transform(trim)
  @IsEmail({}, { message: 'must be a valid e-mail address' })
  @MaxLength(254)
  email!: string;
}

export class CreateBookingDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The organisation the caller books for (they must belong to it).',
  })
  @IsUUID('all', { message: 'must be a UUID' })
  organisationId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A training session… (give sessionId or slotId)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  sessionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '…or a consultation slot.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  slotId?: string;

  @ApiProperty({
    type: [AttendeeInputDto],
    description: 'One seat per attendee (a consultation: up to 3 people).',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AttendeeInputDto)
  attendees!: AttendeeInputDto[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: ENGAGEMENT_NUMBER_MAX_LENGTH,
    description:
      'Public bodies: the numéro d’engagement juridique for the invoice (Chorus Pro). Required when the organisation’s Chorus structure requires it (else 422 engagement_number_required).',
    example: '1300012345',
  })
  @IsOptional()
  @IsString()
  @MaxLength(ENGAGEMENT_NUMBER_MAX_LENGTH)
  engagementNumber?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: SERVICE_CODE_MAX_LENGTH,
    description:
      'Public bodies: the code service for the invoice (Chorus Pro); the structure’s default when omitted. Required when the structure requires it (else 422 service_code_required).',
    example: 'SERV-FORMATION',
  })
  @IsOptional()
  @IsString()
  @MaxLength(SERVICE_CODE_MAX_LENGTH)
  serviceCode?: string | null;
}

export class CancelBookingDto {
  @ApiPropertyOptional({ example: 'Salariée absente ce jour-là' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({ description: 'Admins only: refund everything whatever the policy.' })
  @IsOptional()
  @IsBoolean()
  fullRefund?: boolean;
}

export class ConfirmBookingDto {
  @ApiProperty({ enum: ['cheque', 'administrative_mandate', 'bank_transfer'] })
  @IsIn(['cheque', 'administrative_mandate', 'bank_transfer'])
  method!: Extract<ConfirmationMethod, 'cheque' | 'administrative_mandate' | 'bank_transfer'>;
}

export class AttendanceMarkDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  attendeeId!: string;

  @ApiProperty({ enum: ATTENDANCE })
  @IsIn(ATTENDANCE)
  attendance!: Attendance;
}

export class MarkAttendanceDto {
  @ApiProperty({ type: [AttendanceMarkDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => AttendanceMarkDto)
  attendees!: AttendanceMarkDto[];
}

export class ListBookingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  sessionId?: string;

  @ApiPropertyOptional({ enum: BOOKING_STATUSES, isArray: true, description: 'Comma-separated.' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',') : value,
  )
  @IsIn(BOOKING_STATUSES, { each: true })
  status?: BookingStatus[];
}

export class AttendeeDto implements AttendeeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ATTENDANCE, nullable: true }) attendance!: Attendance | null;
}

type RefundAmountShape = NonNullable<BookingView['refund']>;
export class RefundAmountDto implements RefundAmountShape {
  @ApiProperty() percent!: number;
  @ApiProperty({ description: 'Including VAT, euro cents.' }) amountCents!: number;
}

export class BookingDto implements BookingView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ format: 'uuid' }) offeringId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) slotId!: string | null;
  @ApiProperty({ type: [AttendeeDto] }) attendees!: AttendeeDto[];
  @ApiProperty() seats!: number;
  @ApiProperty({ enum: BOOKING_STATUSES }) status!: BookingStatus;
  @ApiProperty({ description: 'Excluding VAT, snapshotted when booked.' }) unitPriceCents!: number;
  @ApiProperty() totalExclVatCents!: number;
  @ApiProperty() totalVatCents!: number;
  @ApiProperty() totalInclVatCents!: number;
  @ApiProperty({ enum: ['EUR'] }) currency!: 'EUR';
  @ApiProperty({
    description: 'Whether the member price applied (membership active on the service date).',
  })
  memberPrice!: boolean;
  @ApiProperty({
    enum: [...VAT_TREATMENTS, 'not_subject'],
    description:
      'The VAT regime snapshotted when booked: its offering’s, or 20 % for a non-member booking an offering exempt for members; not_subject (retired, no legal basis) only on bookings made before the closed list.',
  })
  vatTreatment!: BookedVatTreatment;
  @ApiProperty({ example: 2000 }) vatRateBasisPoints!: number;
  @ApiProperty({ format: 'date-time' }) serviceStartsAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) holdExpiresAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) offerExpiresAt!:
    string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt!: string | null;
  @ApiProperty({ enum: CONFIRMATION_METHODS, nullable: true })
  confirmationMethod!: ConfirmationMethod | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'A public buyer’s numéro d’engagement juridique, on its invoice (BT-13).',
  })
  engagementNumber!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'A public buyer’s code service (exécutant), on its invoice (BT-10).',
  })
  serviceCode!: string | null;
  @ApiProperty({ type: RefundAmountDto, nullable: true }) refund!: RefundAmountDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

type UnpaidPlacesCountShape = UnpaidPlacesAllowance['user'];
class UnpaidPlacesCountDto implements UnpaidPlacesCountShape {
  @ApiProperty({ example: 10 }) limit!: number;
  @ApiProperty({ example: 2, description: 'Unpaid places held now, this booking included.' })
  held!: number;
}

export class UnpaidPlacesAllowanceDto implements UnpaidPlacesAllowance {
  @ApiProperty({ type: UnpaidPlacesCountDto }) organisation!: UnpaidPlacesCountDto;
  @ApiProperty({
    type: UnpaidPlacesCountDto,
    description: 'The caller, across their organisations.',
  })
  user!: UnpaidPlacesCountDto;
  @ApiProperty({
    example: 8,
    description: 'Places the caller may still book for this organisation before paying.',
  })
  remaining!: number;
}

export class BookedDto extends BookingDto implements BookedView {
  @ApiProperty({
    type: UnpaidPlacesAllowanceDto,
    description:
      'Unpaid places (seats or slots awaiting payment, waitlist offers) held and allowed; a booking beyond answers 409 unpaid_places_limit.',
  })
  unpaidPlaces!: UnpaidPlacesAllowanceDto;
}

export class BookingPageDto implements Page<BookingView> {
  @ApiProperty({ type: [BookingDto] }) items!: BookingDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

type RefundShape = CancellationResult['refund'];
export class RefundDto extends RefundAmountDto implements RefundShape {
  @ApiProperty({ description: 'Calendar days (Paris) between the cancellation and the start.' })
  daysBefore!: number;
  @ApiProperty({ enum: ['policy', 'waived', 'nothing_paid'] }) basis!:
    'policy' | 'waived' | 'nothing_paid';
}

export class CancellationDto implements CancellationResult {
  @ApiProperty({ type: BookingDto }) booking!: BookingDto;
  @ApiProperty({ type: RefundDto }) refund!: RefundDto;
}

export class AttendeeListEntryDto extends AttendeeDto implements AttendeeListEntry {
  @ApiProperty({ format: 'uuid' }) bookingId!: string;
  @ApiProperty({ enum: BOOKING_STATUSES }) bookingStatus!: BookingStatus;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() organisationName!: string;
}

export class AttendanceResultDto implements AttendanceResult {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        bookingId: { type: 'string', format: 'uuid' },
        status: { type: 'string', enum: ['attended', 'no_show', 'confirmed'] },
      },
    },
  })
  bookings!: { bookingId: string; status: 'attended' | 'no_show' | 'confirmed' }[];
}

type CancelledBookingShape = SessionCancellation['cancelledBookings'][number];
export class CancelledBookingDto implements CancelledBookingShape {
  @ApiProperty({ format: 'uuid' }) bookingId!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ description: 'Full refund of what was paid, incl. VAT.' }) refundCents!: number;
}
