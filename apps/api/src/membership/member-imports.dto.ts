import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type {
  MemberImportLineView,
  MemberImportPreview,
  MemberImportView,
  RefusedImportLine,
} from '@mutualis/membership';

export class MemberImportQueryDto {
  @ApiPropertyOptional({
    description: 'true: only report what each line would do (200); nothing is written.',
    default: false,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'must be true or false' })
  dryRun?: boolean;
}

export class MemberImportLineDto implements MemberImportLineView {
  @ApiProperty({ description: 'Line of the file (the header is line 1).' }) line!: number;
  @ApiProperty({ enum: ['create', 'update', 'refuse'] }) action!: 'create' | 'update' | 'refuse';
  @ApiProperty({ type: String, nullable: true }) siret!: string | null;
  @ApiProperty({ type: String, nullable: true }) rna!: string | null;
  @ApiProperty({ type: String, nullable: true }) legalName!: string | null;
  @ApiProperty({ type: [String], description: 'Why a line is refused (empty otherwise).' })
  reasons!: string[];
}

export class MemberImportPreviewDto implements MemberImportPreview {
  @ApiProperty() total!: number;
  @ApiProperty() create!: number;
  @ApiProperty() update!: number;
  @ApiProperty() refuse!: number;
  @ApiProperty({ type: [MemberImportLineDto] }) lines!: MemberImportLineDto[];
}

export class RefusedImportLineDto implements RefusedImportLine {
  @ApiProperty() line!: number;
  @ApiProperty({ type: String, nullable: true }) siret!: string | null;
  @ApiProperty({ type: String, nullable: true }) rna!: string | null;
  @ApiProperty({ type: String, nullable: true }) legalName!: string | null;
  @ApiProperty({ type: [String] }) reasons!: string[];
}

export class MemberImportDto implements MemberImportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'] })
  status!: 'running' | 'completed' | 'failed';
  @ApiProperty({ description: 'Lines with data in the file.' }) total!: number;
  @ApiProperty({ description: 'Valid lines applied so far.' }) processed!: number;
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() refused!: number;
  @ApiProperty({ type: [RefusedImportLineDto] }) refusedLines!: RefusedImportLineDto[];
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
}
