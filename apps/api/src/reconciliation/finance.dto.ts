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
import type {
  AgedReceivables,
  AuditEntryView,
  BankTransactionView,
  CsvProfileView,
  MatchCounts,
  StatementOfAccount,
  StatementImportView,
  StatementLine,
} from '@mutualis/reconciliation';
import type { Page } from '@mutualis/core';

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

const CSV_PROFILE_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

export class CsvProfileDto {
  @ApiProperty({ example: 'ma-banque' })
  @Matches(CSV_PROFILE_ID, { message: 'must be 2-63 lower-case letters, digits or -' })
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

// Responses: the shapes the reconciliation use cases answer, described for the OpenAPI document
// (and so for the web app's generated client).

type ImportErrorShape = NonNullable<StatementImportView['error']>;
class ImportErrorDto implements ImportErrorShape {
  @ApiProperty({ example: 'Ntry 3: Amt is missing' }) message!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Where in the file: a line or an element.',
  })
  location!: string | null;
}

type ImportResultShape = StatementImportView['result'];
class ImportResultDto implements ImportResultShape {
  @ApiProperty({ type: Number, nullable: true }) transactionsFound!: number | null;
  @ApiProperty({ type: Number, nullable: true }) transactionsAdded!: number | null;
  @ApiProperty({ type: Number, nullable: true }) duplicates!: number | null;
  @ApiProperty({ type: Number, nullable: true }) matched!: number | null;
  @ApiProperty({ type: Number, nullable: true }) suggested!: number | null;
  @ApiProperty({ type: Number, nullable: true }) unmatched!: number | null;
}

export class StatementImportDto implements StatementImportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: ['camt053', 'csv'] }) format!: 'camt053' | 'csv';
  @ApiProperty({ type: String, nullable: true }) csvProfile!: string | null;
  @ApiProperty({ enum: ['queued', 'processing', 'done', 'failed'] })
  status!: 'queued' | 'processing' | 'done' | 'failed';
  @ApiProperty({ type: ImportErrorDto, nullable: true }) error!: ImportErrorDto | null;
  @ApiProperty({ type: ImportResultDto }) result!: ImportResultDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
}

type MatchReasonShape = BankTransactionView['suggestions'][number]['reasons'][number];

/** Every code of the matcher's reasons, once: a code added there fails to compile here. */
const REASON_CODE_SET: Record<MatchReasonShape['code'], true> = {
  rf_reference: true,
  invoice_number_in_text: true,
  other_reference: true,
  amount_exact: true,
  amount_close: true,
  amount_partial: true,
  amount_over: true,
  payer_name: true,
  name_in_text: true,
  date_near_due: true,
};
const REASON_CODES = Object.keys(REASON_CODE_SET) as MatchReasonShape['code'][];

/**
 * The reasons are a union by `code`, which a class cannot implement: OpenAPI describes it flat,
 * each code's fields optional; the suggestions below hold the union's own type.
 */
class MatchReasonDto {
  @ApiProperty({ enum: REASON_CODES }) code!: (typeof REASON_CODES)[number];
  @ApiProperty({ description: 'The reason in the requested language.' }) text!: string;
  @ApiPropertyOptional() reference?: string;
  @ApiPropertyOptional() invoiceNumber?: string;
  @ApiPropertyOptional({ type: [String] }) references?: string[];
  @ApiPropertyOptional({ description: 'Transfer minus balance due, cents.' })
  differenceCents?: number;
  @ApiPropertyOptional({ description: 'Between 0 and 1.' }) similarity?: number;
  @ApiPropertyOptional() organisationName?: string;
  @ApiPropertyOptional({ description: 'Days between the transfer and the due date.' })
  days?: number;
}

type MatchSuggestionShape = BankTransactionView['suggestions'][number];
class MatchSuggestionDto implements MatchSuggestionShape {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'For a credit.' })
  invoiceId!: string | null;
  @ApiProperty({ type: String, nullable: true }) invoiceNumber!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'For a debit.' })
  refundId!: string | null;
  @ApiProperty({ type: String, nullable: true }) organisationName!: string | null;
  @ApiProperty({ type: Number, nullable: true }) amountDueCents!: number | null;
  @ApiProperty({ description: 'Between 0 and 1; from 0.95 a line is allocated automatically.' })
  score!: number;
  @ApiProperty({ type: [MatchReasonDto] }) reasons!: MatchReasonShape[];
}

type AllocationShape = BankTransactionView['allocations'][number];
class AllocationDto implements AllocationShape {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['invoice', 'organisation_credit', 'refund', 'payout'] })
  kind!: 'invoice' | 'organisation_credit' | 'refund' | 'payout';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) invoiceId!: string | null;
  @ApiProperty({ type: String, nullable: true }) invoiceNumber!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) refundId!: string | null;
  @ApiProperty({ type: String, nullable: true }) payoutId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organisationId!: string | null;
  @ApiProperty() amountCents!: number;
  @ApiProperty() automatic!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class BankTransactionDto implements BankTransactionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date' }) bookingDate!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) valueDate!: string | null;
  @ApiProperty() amountCents!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ enum: ['credit', 'debit'] }) direction!: 'credit' | 'debit';
  @ApiProperty({ type: String, nullable: true }) payerName!: string | null;
  @ApiProperty({ type: String, nullable: true }) payerIban!: string | null;
  @ApiProperty({ type: String, nullable: true }) remittanceInfo!: string | null;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
  @ApiProperty({ type: String, nullable: true }) bankReference!: string | null;
  @ApiProperty({ enum: STATUSES }) status!: (typeof STATUSES)[number];
  @ApiProperty() allocatedCents!: number;
  @ApiProperty({ type: [MatchSuggestionDto] }) suggestions!: MatchSuggestionDto[];
  @ApiProperty({ type: [AllocationDto] }) allocations!: AllocationDto[];
}

export class BankTransactionPageDto implements Page<BankTransactionView> {
  @ApiProperty({ type: [BankTransactionDto] }) items!: BankTransactionDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class AuditEntryDto implements AuditEntryView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null: the matcher.' })
  actorId!: string | null;
  @ApiProperty({ enum: ['import', 'allocate', 'auto_allocate', 'undo'] }) action!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) allocationId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) invoiceId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) amountCents!: number | null;
}

export class MatchCountsDto implements MatchCounts {
  @ApiProperty() matched!: number;
  @ApiProperty() suggested!: number;
  @ApiProperty() unmatched!: number;
}

export class CsvProfileViewDto extends CsvProfileDto implements CsvProfileView {
  @ApiProperty({ description: 'Built in (not editable) or saved by finance.' }) builtIn!: boolean;
}

class AgingBucketsDto {
  @ApiProperty() notDue!: number;
  @ApiProperty() days0to30!: number;
  @ApiProperty() days31to60!: number;
  @ApiProperty() days61to90!: number;
  @ApiProperty() over90!: number;
}

type OrganisationReceivableShape = AgedReceivables['organisations'][number];
class OrganisationReceivableDto extends AgingBucketsDto implements OrganisationReceivableShape {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty() totalDueCents!: number;
  @ApiProperty({ description: 'Overpayments kept for the organisation, cents.' })
  creditCents!: number;
  @ApiProperty() openInvoices!: number;
}

type ReceivableTotalsShape = AgedReceivables['totals'];
class ReceivableTotalsDto extends AgingBucketsDto implements ReceivableTotalsShape {
  @ApiProperty() totalDueCents!: number;
  @ApiProperty() creditCents!: number;
}

export class AgedReceivablesDto implements AgedReceivables {
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: [OrganisationReceivableDto] }) organisations!: OrganisationReceivableDto[];
  @ApiProperty({ type: ReceivableTotalsDto }) totals!: ReceivableTotalsDto;
}

class StatementLineDto implements StatementLine {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ enum: ['invoice', 'credit_note', 'payment', 'credit'] })
  kind!: 'invoice' | 'credit_note' | 'payment' | 'credit';
  @ApiProperty() reference!: string;
  @ApiProperty() label!: string;
  @ApiProperty() debitCents!: number;
  @ApiProperty() creditCents!: number;
  @ApiProperty({ description: 'What the organisation owes after this line, cents.' })
  balanceCents!: number;
}

export class StatementOfAccountDto implements StatementOfAccount {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ type: [StatementLineDto] }) lines!: StatementLineDto[];
  @ApiProperty() balanceCents!: number;
}

/** `:id` of a saved CSV profile: checked like the body's id, so no other text reaches the database. */
export class CsvProfileParams {
  @ApiProperty({ example: 'ma-banque' })
  @Matches(CSV_PROFILE_ID, { message: 'must be 2-63 lower-case letters, digits or -' })
  id!: string;
}
