import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type {
  AccountRole,
  ChartAccountView,
  ClosingView,
  EntryLineView,
  EntryView,
  JournalCode,
  JournalSummaryView,
  NumberedRunView,
  PeriodsView,
  PeriodView,
  ValidationView,
} from '@mutualis/accounting';
import type { Page } from '@mutualis/core';
import { PageQueryDto } from '../http/page.dto';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const PERIOD_MESSAGE = 'must be a YYYY-MM month';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_MESSAGE = 'must be a YYYY-MM-DD date';
const JOURNALS: JournalCode[] = ['VT', 'BQ', 'ST', 'OD'];
const ROLES: AccountRole[] = [
  'customers',
  'revenue_taxable',
  'revenue_exempt_training',
  'revenue_other',
  'revenue_membership',
  'vat_pending',
  'vat_collected',
  'bank',
  'stripe',
  'fees',
  'deferred_income',
];
const ENCODINGS = ['iso-8859-15', 'utf-8'] as const;

export class YearQueryDto {
  @ApiProperty({ example: 2026, description: 'The fiscal year (the calendar year).' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class PeriodParams {
  @ApiProperty({ example: '2026-03', pattern: PERIOD.source })
  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  period!: string;
}

export class JournalsQueryDto {
  @ApiPropertyOptional({ example: '2026-03', description: 'A month; or give `year`.' })
  @IsOptional()
  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  period?: string;

  @ApiPropertyOptional({ example: 2026, description: 'A fiscal year; or give `period`.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class EntriesQueryDto extends PageQueryDto {
  @ApiProperty({ example: '2026-03', description: 'The month whose entries to list.' })
  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  period!: string;

  @ApiPropertyOptional({ enum: JOURNALS })
  @IsOptional()
  @IsIn(JOURNALS)
  journal?: JournalCode;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: validated entries only; false: those awaiting validation.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  validated?: boolean;
}

/** `GET /finance/journal`, the contract's query: a range of entry dates, a journal, an account. */
export class JournalQueryDto extends PageQueryDto {
  @ApiProperty({ example: '2026-01-01', description: 'First entry date (YYYY-MM-DD).' })
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE })
  from!: string;

  @ApiProperty({ example: '2026-12-31', description: 'Last entry date (YYYY-MM-DD).' })
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE })
  to!: string;

  @ApiPropertyOptional({ enum: JOURNALS })
  @IsOptional()
  @IsIn(JOURNALS)
  journal?: JournalCode;

  @ApiPropertyOptional({
    example: '411',
    description: 'Entries with a line on an account whose number starts with these digits.',
  })
  @IsOptional()
  @Matches(/^\d{1,12}$/, { message: 'must be 1 to 12 digits' })
  account?: string;
}

export class FecQueryDto extends YearQueryDto {
  @ApiPropertyOptional({
    example: '2026-01',
    description: 'First month to export (in `year`); January by default.',
  })
  @IsOptional()
  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-03',
    description: 'Last month to export (in `year`); December by default.',
  })
  @IsOptional()
  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  to?: string;

  @ApiPropertyOptional({ enum: ENCODINGS, default: 'iso-8859-15' })
  @IsOptional()
  @IsIn(ENCODINGS)
  encoding: (typeof ENCODINGS)[number] = 'iso-8859-15';
}

export class FecDescriptionQueryDto extends YearQueryDto {
  @ApiPropertyOptional({ enum: ENCODINGS, default: 'iso-8859-15' })
  @IsOptional()
  @IsIn(ENCODINGS)
  encoding: (typeof ENCODINGS)[number] = 'iso-8859-15';
}

export class ChartAccountChangeDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: AccountRole;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 2000,
    description: 'For the VAT roles only: the rate in basis points (2000 for 20 %).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  vatRateBasisPoints?: number | null;

  @ApiProperty({ example: '706100', pattern: '^[0-9]{3}[0-9A-Z]{0,17}$' })
  @IsString()
  @Matches(/^[0-9]{3}[0-9A-Z]{0,17}$/, {
    message: 'must be 3 digits then up to 17 digits or capital letters',
  })
  number!: string;

  @ApiProperty({ example: 'Prestations de services soumises à la TVA' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  label!: string;
}

export class UpdateChartDto {
  @ApiProperty({ type: [ChartAccountChangeDto], description: 'The accounts to change (or add).' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  // An array is not an account: ValidateNested would pass one through.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ChartAccountChangeDto)
  accounts!: ChartAccountChangeDto[];
}

export class ChartAccountDto implements ChartAccountView {
  @ApiProperty({ enum: ROLES }) role!: AccountRole;
  @ApiProperty({ type: Number, nullable: true }) vatRateBasisPoints!: number | null;
  @ApiProperty() number!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class PeriodDto implements PeriodView {
  @ApiProperty({ example: '2026-03' }) period!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) closedBy!: string | null;
  @ApiProperty() entries!: number;
  @ApiProperty() unvalidatedEntries!: number;
  @ApiProperty({ description: 'Sum of the debits (= credits), cents.' }) totalCents!: number;
}

export class PeriodsDto implements PeriodsView {
  @ApiProperty() year!: number;
  @ApiProperty({ type: String, nullable: true, example: '2026-02' }) closedThrough!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-03' }) nextToClose!: string | null;
  @ApiProperty({ type: [PeriodDto] }) periods!: PeriodDto[];
}

export class NumberedRunDto implements NumberedRunView {
  @ApiProperty({ enum: JOURNALS }) journal!: JournalCode;
  @ApiProperty() fiscalYear!: number;
  @ApiProperty() count!: number;
  @ApiProperty({ example: 'VT2026-000001' }) firstNumber!: string;
  @ApiProperty({ example: 'VT2026-000042' }) lastNumber!: string;
}

export class ValidationDto implements ValidationView {
  @ApiProperty({ example: '2026-03' }) period!: string;
  @ApiProperty({ format: 'date' }) validatedOn!: string;
  @ApiProperty() entries!: number;
  @ApiProperty({ type: [NumberedRunDto] }) runs!: NumberedRunDto[];
}

export class ClosingDto implements ClosingView {
  @ApiProperty({ example: '2026-03' }) period!: string;
  @ApiProperty({ enum: ['closed'] }) status!: 'closed';
  @ApiProperty({ format: 'date-time' }) closedAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) closedBy!: string | null;
  @ApiProperty({ type: ValidationDto }) validation!: ValidationDto;
}

export class JournalSummaryDto implements JournalSummaryView {
  @ApiProperty({ enum: JOURNALS }) code!: JournalCode;
  @ApiProperty() label!: string;
  @ApiProperty() entries!: number;
  @ApiProperty() validatedEntries!: number;
  @ApiProperty() debitCents!: number;
  @ApiProperty() creditCents!: number;
}

export class EntryLineDto implements EntryLineView {
  @ApiProperty() position!: number;
  @ApiProperty({ enum: ROLES }) accountRole!: AccountRole;
  @ApiProperty({ type: Number, nullable: true }) vatRateBasisPoints!: number | null;
  @ApiProperty() accountNumber!: string;
  @ApiProperty() accountLabel!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organisationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) auxiliaryNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) auxiliaryLabel!: string | null;
  @ApiProperty() label!: string;
  @ApiProperty() debitCents!: number;
  @ApiProperty() creditCents!: number;
  @ApiProperty({ type: String, nullable: true }) letteringKey!: string | null;
  @ApiProperty({ type: String, nullable: true }) letteringCode!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) letteringDate!: string | null;
}

export class EntryDto implements EntryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: JOURNALS }) journal!: JournalCode;
  @ApiProperty() journalLabel!: string;
  @ApiProperty({ type: String, nullable: true, example: 'VT2026-000001' }) number!: string | null;
  @ApiProperty({ format: 'date' }) entryDate!: string;
  @ApiProperty({ format: 'date' }) eventDate!: string;
  @ApiProperty() pieceRef!: string;
  @ApiProperty({ format: 'date' }) pieceDate!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validatedOn!: string | null;
  @ApiProperty() sourceKey!: string;
  @ApiProperty({ format: 'date-time' }) postedAt!: string;
  @ApiProperty() totalCents!: number;
  @ApiProperty({ enum: ['EUR'] }) currency!: 'EUR';
  @ApiProperty({ type: [EntryLineDto] }) lines!: EntryLineDto[];
}

export class EntryPageDto implements Page<EntryView> {
  @ApiProperty({ type: [EntryDto] }) items!: EntryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
