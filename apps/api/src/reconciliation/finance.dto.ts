import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../http/page.dto';

const STATUSES = ['unmatched', 'suggested', 'matched'] as const;

export class UploadStatementDto {
  @ApiPropertyOptional({
    description:
      'For a CSV file: the id of the column profile to read it with; detected from the header row when absent.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  profile?: string;
}

export class ListTransactionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, isArray: true, description: 'Comma-separated.' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value,
  )
  @IsArray()
  @ArrayUnique()
  @IsIn(STATUSES, { each: true })
  status?: (typeof STATUSES)[number][];

  @ApiPropertyOptional({
    enum: ['fr', 'en'],
    default: 'fr',
    description: 'Language of the reasons.',
  })
  @IsOptional()
  @IsIn(['fr', 'en'])
  lang: 'fr' | 'en' = 'fr';
}

export class AllocateDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The invoice a credit pays.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  invoiceId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'For a debit: the refund instruction the transfer settles (all of it).',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  refundId?: string;

  @ApiPropertyOptional({
    description:
      'Cents to allocate; by default all that is left of the line, up to the balance due.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountCents?: number;
}

export class AllocationParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  allocationId!: string;
}

export class FecQueryDto {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class PeriodQueryDto {
  @ApiProperty({ example: '2026-01-01' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a YYYY-MM-DD date' })
  from!: string;

  @ApiProperty({ example: '2026-12-31' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a YYYY-MM-DD date' })
  to!: string;
}

export class ReceivablesQueryDto {
  @ApiPropertyOptional({
    example: '2026-11-26',
    description: 'The day to age on; today in Paris by default.',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a YYYY-MM-DD date' })
  asOf?: string;
}

class CsvColumnsDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) bookingDate!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) valueDate?: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) label!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) amount?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) debit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) credit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) counterpartyName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) reference?: string;
}

export class CsvProfileDto {
  @ApiProperty({ example: 'ma-banque' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'must be 2-63 lower-case letters, digits or -' })
  id!: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiProperty({ enum: [';', ',', '\t'] }) @IsIn([';', ',', '\t']) delimiter!: ';' | ',' | '\t';
  @ApiProperty({ enum: ['utf-8', 'iso-8859-15', 'auto'] })
  @IsIn(['utf-8', 'iso-8859-15', 'auto'])
  encoding!: 'utf-8' | 'iso-8859-15' | 'auto';
  @ApiProperty({ enum: [',', '.'] }) @IsIn([',', '.']) decimalSeparator!: ',' | '.';
  @ApiProperty({ enum: ['dd/MM/yyyy', 'yyyy-MM-dd', 'dd/MM/yy'] })
  @IsIn(['dd/MM/yyyy', 'yyyy-MM-dd', 'dd/MM/yy'])
  dateFormat!: 'dd/MM/yyyy' | 'yyyy-MM-dd' | 'dd/MM/yy';

  @ApiProperty({ type: CsvColumnsDto })
  @ValidateNested()
  @Type(() => CsvColumnsDto)
  columns!: CsvColumnsDto;
}
