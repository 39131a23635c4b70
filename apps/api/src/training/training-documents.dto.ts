import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Equals,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  BookingDocumentsView,
  DocumentSignatureView,
  TRAINING_DOCUMENT_KINDS,
  TrainingDocumentKind,
  TrainingDocumentView,
  TrainingSettingsView,
} from '@mutualis/training';
import { IsOmittable } from '../http/validators';

export class DocumentSignatureDto implements DocumentSignatureView {
  @ApiProperty({ enum: ['organisation', 'chambre'] }) party!: string;
  @ApiProperty() signerName!: string;
  @ApiProperty({ type: String, nullable: true }) signerCapacity!: string | null;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the version signed' }) documentSha256!: string;
}

export class TrainingDocumentDto implements TrainingDocumentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: TRAINING_DOCUMENT_KINDS }) kind!: TrainingDocumentKind;
  @ApiProperty() title!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'The newest version of its series' }) latest!: boolean;
  @ApiProperty({ description: 'SHA-256 (hex) of the stored bytes' }) sha256!: string;
  @ApiProperty() byteSize!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) bookingId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) attendeeId!: string | null;
  @ApiProperty({ type: [DocumentSignatureDto] }) signatures!: DocumentSignatureDto[];
}

export class ConventionStateDto {
  @ApiProperty({ format: 'uuid', description: 'The current version, the one to sign' })
  documentId!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty() version!: number;
  @ApiProperty() signedByOrganisation!: boolean;
  @ApiProperty() signedByChambre!: boolean;
  @ApiProperty({ description: 'The Chambre requires the signed convention before the session' })
  required!: boolean;
  @ApiProperty({
    enum: ['organisation', 'chambre'],
    nullable: true,
    description: 'The side the caller may sign for now, or null',
  })
  youMaySign!: 'organisation' | 'chambre' | null;
}

export class BookingDocumentsDto implements BookingDocumentsView {
  @ApiProperty({ format: 'uuid' }) bookingId!: string;
  @ApiProperty({ type: [TrainingDocumentDto] }) documents!: TrainingDocumentDto[];
  @ApiProperty({ type: ConventionStateDto, nullable: true })
  convention!: ConventionStateDto | null;
}

export class SignatureBodyDto {
  @ApiProperty({ description: 'SHA-256 (hex) of the version shown to the signer' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256 in lowercase hexadecimal' })
  sha256!: string;

  @ApiProperty({ enum: [true], description: 'The signer consents to sign this version' })
  @Equals(true, { message: 'must be true: signing needs your consent' })
  consent!: true;

  @ApiPropertyOptional({ description: 'E.g. « Présidente »; defaults to the signatory’s setting' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  signerCapacity?: string;
}

export class TrainingSettingsDto implements TrainingSettingsView {
  @ApiProperty() convocationDaysBefore!: number;
  @ApiProperty() coldSurveyDaysAfter!: number;
  @ApiProperty() requireSignedConvention!: boolean;
  @ApiProperty() signingMarginMinutes!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) signatoryUserId!: string | null;
  @ApiProperty({ type: String, nullable: true }) signatoryName!: string | null;
  @ApiProperty({ type: String, nullable: true }) signatoryCapacity!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class TrainingSettingsBodyDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 60 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(60)
  convocationDaysBefore?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 365 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(365)
  coldSurveyDaysAfter?: number;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  requireSignedConvention?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 240 })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(240)
  signingMarginMinutes?: number;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  signatoryUserId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  signatoryName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  signatoryCapacity?: string | null;
}
