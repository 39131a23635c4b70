import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { HalfDayPeriod } from '@mutualis/training';

/** `:token` of a signing link; anything else is a 400 before any lookup. */
export class SigningTokenParams {
  @ApiProperty()
  @Matches(/^[A-Za-z0-9_-]{64}$/, { message: 'is not a signing link' })
  token!: string;
}

/**
 * A signature: exactly one of a drawn one (a PNG data URL from the phone's canvas, at most
 * 100 KB decoded) or a typed name.
 */
export class SignatureDto {
  @ApiPropertyOptional({ description: 'data:image/png;base64,…', maxLength: 140_000 })
  @IsOptional()
  @IsString()
  @MaxLength(140_000)
  signaturePng?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Léa Dubois' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  typedName?: string;
}

export class SignAttendanceDto extends SignatureDto {
  @ApiPropertyOptional({
    description: 'What this phone got back from its previous signature on the session, if any',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{64}$/, { message: 'is not a device pass' })
  devicePass?: string;
}

export class RecordAbsenceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  attendeeId!: string;

  @ApiProperty({ maxLength: 500, example: 'Arrêt maladie' })
  @IsString()
  @MaxLength(500)
  reason!: string;
}

export class RecordMinutesMissedDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  attendeeId!: string;

  @ApiProperty({ minimum: 0, maximum: 720, example: 20 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(720)
  minutes!: number;
}

class HalfDayRefDto {
  @ApiProperty({ example: '2026-12-07' }) day!: string;
  @ApiProperty({ enum: ['morning', 'afternoon'] }) period!: HalfDayPeriod;
  @ApiProperty() startsAt!: Date;
  @ApiProperty() endsAt!: Date;
}

class WindowDto {
  @ApiProperty() opensAt!: Date;
  @ApiProperty() closesAt!: Date;
}

export class SigningPageDto {
  @ApiProperty() traineeName!: string;
  @ApiProperty() offeringTitle!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty() remote!: boolean;
  @ApiProperty({ type: HalfDayRefDto }) halfDay!: HalfDayRefDto;
  @ApiProperty({ type: WindowDto }) window!: WindowDto;
  @ApiProperty({ enum: ['open', 'not_yet', 'closed', 'signed', 'absent', 'countersigned'] })
  state!: string;
  @ApiProperty({ type: Date, nullable: true }) signedAt!: Date | null;
}

export class SignedAttendanceDto {
  @ApiProperty() signedAt!: Date;
  @ApiProperty() devicePass!: string;
}

class HalfDayCellDto {
  @ApiProperty({ format: 'uuid' }) halfDayId!: string;
  @ApiProperty({ enum: ['present', 'absent'], nullable: true }) status!: string | null;
  @ApiProperty({ type: Date, nullable: true }) signedAt!: Date | null;
  @ApiProperty({ enum: ['drawn', 'typed'], nullable: true }) signatureKind!: string | null;
  @ApiProperty() remote!: boolean;
  @ApiProperty() minutesMissed!: number;
  @ApiProperty({ type: String, nullable: true }) absenceReason!: string | null;
  @ApiProperty() link!: string;
  @ApiProperty({ description: 'The link as a QR code (SVG data URL)' }) qrCode!: string;
}

class HalfDayDto extends HalfDayRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() minutes!: number;
  @ApiProperty() opensAt!: Date;
  @ApiProperty() closesAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) countersignedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) countersignerName!: string | null;
}

class TraineeRowDto {
  @ApiProperty({ format: 'uuid' }) attendeeId!: string;
  @ApiProperty({ format: 'uuid' }) bookingId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() attendedMinutes!: number;
  @ApiProperty({ type: [HalfDayCellDto] }) cells!: HalfDayCellDto[];
}

export class SessionHalfDaysDto {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() offeringTitle!: string;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty() remote!: boolean;
  @ApiProperty() signingMarginMinutes!: number;
  @ApiProperty() scheduledMinutes!: number;
  @ApiProperty({ type: [HalfDayDto] }) halfDays!: HalfDayDto[];
  @ApiProperty({ type: [TraineeRowDto] }) trainees!: TraineeRowDto[];
}

export class CountersignResultDto {
  @ApiProperty({ format: 'uuid' }) halfDayId!: string;
  @ApiProperty() countersignedAt!: Date;
  @ApiProperty() countersignerName!: string;
  @ApiProperty() unsigned!: number;
}
