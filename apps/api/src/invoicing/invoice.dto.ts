import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { INVOICE_STATUSES, INVOICE_TYPES, InvoiceStatus, InvoiceType } from '@mutualis/invoicing';
import {
  DEFAULT_VAT_TREATMENTS,
  VAT_REGIME_CODES,
  VatRegimeCode,
  VatTreatment,
} from '@mutualis/catalogue';
import { PageQueryDto } from '../http/page.dto';
import { IsCalendarDate } from '../http/validators';
import type { ChambreView, InvoiceLineView, InvoiceView } from '@mutualis/invoicing';
import type { Page } from '@mutualis/core';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class ListInvoicesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INVOICE_STATUSES, isArray: true, description: 'Comma-separated.' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',') : value,
  )
  @IsIn(INVOICE_STATUSES, { each: true })
  status?: InvoiceStatus[];

  @ApiPropertyOptional({ description: 'Only invoices past their due date and not settled.' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  organisationId?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Issued on or after this date.' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Issued on or before this date.' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class CreditNoteRequestDto {
  @ApiProperty({ description: 'Amount to credit, including VAT, euro cents.', example: 9000 })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amountCents!: number;

  @ApiProperty({ example: 'Geste commercial : demi-journée écourtée' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

const REGIME_DESCRIPTION =
  'The VAT regime the line was sold under (GET /api/vat-regimes lists them with their legal basis).';
const VATEX_DESCRIPTION = 'EN 16931 BT-121, from the CEF VATEX code list; null for category S.';

export class InvoiceLineDto implements InvoiceLineView {
  @ApiProperty() description!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty() unitPriceExclVatCents!: number;
  @ApiProperty({ enum: ['S', 'E', 'O'], description: 'EN 16931 VAT category.' }) vatCategory!:
    'S' | 'E' | 'O';
  @ApiProperty({ example: 2000 }) vatRateBasisPoints!: number;
  @ApiProperty({ type: String, nullable: true }) exemptionReason!: string | null;
  @ApiProperty({ enum: VAT_REGIME_CODES, description: REGIME_DESCRIPTION })
  vatRegime!: VatRegimeCode;
  @ApiProperty({ type: String, nullable: true, description: VATEX_DESCRIPTION, example: null })
  vatexCode!: string | null;
  @ApiProperty() lineTotalExclVatCents!: number;
}

type VatBreakdownShape = InvoiceView['vatBreakdown'][number];
export class VatBreakdownDto implements VatBreakdownShape {
  @ApiProperty({ enum: ['S', 'E', 'O'] }) vatCategory!: 'S' | 'E' | 'O';
  @ApiProperty() vatRateBasisPoints!: number;
  @ApiProperty() taxableAmountCents!: number;
  @ApiProperty() vatAmountCents!: number;
  @ApiProperty({ type: String, nullable: true }) exemptionReason!: string | null;
  @ApiProperty({ enum: VAT_REGIME_CODES, description: REGIME_DESCRIPTION })
  vatRegime!: VatRegimeCode;
  @ApiProperty({ type: String, nullable: true, description: VATEX_DESCRIPTION, example: null })
  vatexCode!: string | null;
}

/** The Chambre as printed on the invoice, snapshotted when it was issued. */
type SellerShape = InvoiceView['seller'];
export class SellerDto implements SellerShape {
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) addressLines!: string[];
  @ApiProperty() siret!: string;
  @ApiProperty({ type: String, nullable: true }) vatNumber!: string | null;
  @ApiProperty({ enum: ['standard', 'franchise'] }) vatRegime!: 'standard' | 'franchise';
  @ApiPropertyOptional({
    description:
      'The Chambre had opted to pay VAT on its debits when it issued this invoice (absent on older invoices).',
  })
  vatOnDebits?: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'NDA of the training organisation, on a training’s invoice only.',
  })
  trainingDeclarationNumber!: string | null;
  @ApiProperty() iban!: string;
  @ApiProperty() bic!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty() latePaymentRate!: string;
  @ApiProperty() paymentTermsDays!: number;
}

/** What a public buyer's invoice is deposited to Chorus Pro with. */
export class PublicProcurementDto {
  @ApiProperty({ example: '21840068700016' }) structureSiret!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Code service (BT-10).' })
  serviceCode!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Numéro d’engagement juridique (BT-13).',
  })
  engagementNumber!: string | null;
}

/** The buyer as printed on the invoice, snapshotted when it was issued. */
type BuyerShape = InvoiceView['buyer'];
export class BuyerDto implements BuyerShape {
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) addressLines!: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Null for an association known by its RNA number only.',
  })
  siret!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'An association’s RNA.' })
  rna?: string | null;
  @ApiProperty({ type: String, nullable: true }) vatNumber!: string | null;
  @ApiProperty() billingEmail!: string;
  @ApiPropertyOptional({
    description: 'A public body, invoiced under public-procurement payment terms.',
  })
  publicBody?: boolean;
  @ApiPropertyOptional({ description: 'Liable to VAT (assujetti): its 2027 e-invoicing flow.' })
  vatRegistered?: boolean;
  @ApiPropertyOptional({
    type: () => PublicProcurementDto,
    nullable: true,
    description: 'A public buyer’s Chorus Pro structure and references (BT-10, BT-13).',
  })
  publicProcurement?: PublicProcurementDto | null;
}

export class InvoiceDto implements InvoiceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'F-2026-000042' }) number!: string | null;
  @ApiProperty({ enum: INVOICE_TYPES }) type!: InvoiceType;
  @ApiProperty({ enum: [380, 381] }) typeCode!: 380 | 381;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) bookingId!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The membership (adhésion of one year) a cotisation invoice or its credit note bills.',
  })
  membershipId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) correctsInvoiceId!: string | null;
  @ApiProperty({ enum: INVOICE_STATUSES }) status!: InvoiceStatus;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true }) issueDate!: string | null;
  @ApiProperty({ format: 'date' }) serviceDate!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDate!: string | null;
  @ApiProperty({ enum: ['EUR'] }) currency!: 'EUR';
  @ApiProperty() totalExclVatCents!: number;
  @ApiProperty() totalVatCents!: number;
  @ApiProperty() totalInclVatCents!: number;
  @ApiProperty() amountPaidCents!: number;
  @ApiProperty() amountCreditedCents!: number;
  @ApiProperty() amountDueCents!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'ISO 11649 creditor reference to quote on a transfer; null on a credit note.',
  })
  paymentReference!: string | null;
  @ApiProperty({ type: [VatBreakdownDto] }) vatBreakdown!: VatBreakdownDto[];
  @ApiProperty({ type: [InvoiceLineDto] }) lines!: InvoiceLineDto[];
  @ApiProperty({ type: SellerDto }) seller!: SellerDto;
  @ApiProperty({ type: BuyerDto }) buyer!: BuyerDto;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() pdfAvailable!: boolean;
}

export class InvoicePageDto implements Page<InvoiceView> {
  @ApiProperty({ type: [InvoiceDto] }) items!: InvoiceDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

const VAT_ON_DEBITS =
  'The Chambre opted to pay VAT on its debits (CGI art. 269, 2, c): invoices say « Option pour le paiement de la taxe d’après les débits ».';
const ATTESTED_ON =
  'Date of the DREETS attestation (form 3511-SD) exempting the Chambre’s professional training (CGI art. 261, 4, 4° a); ' +
  'not the NDA. Not in the future; cannot be removed while offerings use the exemption (409 training_exemption_in_use).';
const DEFAULT_TRAINING =
  'The VAT regime a new training gets (exempt_training only once the attestation is dated).';
const DEFAULT_OTHER = 'The VAT regime a new offering of another kind gets (not exempt_training).';

export class ChambreSettingsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(250)
  legalName?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  addressLine1?: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  addressLine2?: string | null;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'must be a 5-digit postal code' })
  postalCode?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  city?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{14}$/, { message: 'must be 14 digits' })
  siret?: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Matches(/^[A-Z]{2}[0-9A-Z]{2,13}$/, {
    message: 'must be an intra-EU VAT number such as FR44732829320',
  })
  vatNumber?: string | null;
  @ApiPropertyOptional({ enum: ['standard', 'franchise'] })
  @IsOptional()
  @IsIn(['standard', 'franchise'])
  vatRegime?: 'standard' | 'franchise';
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'NDA of the training organisation.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  trainingDeclarationNumber?: string | null;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Z]{2}\d{2}[0-9A-Z]{10,30}$/, { message: 'must be an IBAN without spaces' })
  iban?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, { message: 'must be a BIC' })
  bic?: string;
  @ApiPropertyOptional({ example: 'trois fois le taux d’intérêt légal' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  latePaymentRate?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(60) paymentTermsDays?: number;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsEmail() email?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string | null;
  @ApiPropertyOptional({ description: VAT_ON_DEBITS })
  @IsOptional()
  @IsBoolean()
  vatOnDebits?: boolean;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: ATTESTED_ON,
  })
  @IsOptional()
  @IsCalendarDate()
  trainingExemptionAttestedOn?: string | null;
  @ApiPropertyOptional({ enum: DEFAULT_VAT_TREATMENTS, description: DEFAULT_TRAINING })
  @IsOptional()
  @IsIn(DEFAULT_VAT_TREATMENTS)
  defaultVatTreatmentTraining?: VatTreatment;
  @ApiPropertyOptional({ enum: DEFAULT_VAT_TREATMENTS, description: DEFAULT_OTHER })
  @IsOptional()
  @IsIn(DEFAULT_VAT_TREATMENTS)
  defaultVatTreatmentOther?: VatTreatment;
}

/** The Chambre's identity as the api answers it: every field, unlike the partial update above. */
export class ChambreDto implements ChambreView {
  @ApiProperty() legalName!: string;
  @ApiProperty() addressLine1!: string;
  @ApiProperty({ type: String, nullable: true }) addressLine2!: string | null;
  @ApiProperty() postalCode!: string;
  @ApiProperty() city!: string;
  @ApiProperty({ example: 'FR' }) country!: string;
  @ApiProperty() siret!: string;
  @ApiProperty({ type: String, nullable: true }) vatNumber!: string | null;
  @ApiProperty({ enum: ['standard', 'franchise'] }) vatRegime!: 'standard' | 'franchise';
  @ApiProperty({ type: String, nullable: true, description: 'NDA of the training organisation.' })
  trainingDeclarationNumber!: string | null;
  @ApiProperty() iban!: string;
  @ApiProperty() bic!: string;
  @ApiProperty({ example: 'trois fois le taux d’intérêt légal' }) latePaymentRate!: string;
  @ApiProperty() paymentTermsDays!: number;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ description: VAT_ON_DEBITS }) vatOnDebits!: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: ATTESTED_ON })
  trainingExemptionAttestedOn!: string | null;
  @ApiProperty({ enum: DEFAULT_VAT_TREATMENTS, description: DEFAULT_TRAINING })
  defaultVatTreatmentTraining!: VatTreatment;
  @ApiProperty({ enum: DEFAULT_VAT_TREATMENTS, description: DEFAULT_OTHER })
  defaultVatTreatmentOther!: VatTreatment;
  @ApiProperty({
    description:
      'Offerings not archived sold, or proposed to be sold, under the training exemption: they need the attestation date.',
  })
  offeringsUnderTrainingExemption!: number;
  @ApiProperty() configured!: boolean;
  @ApiProperty({ description: 'Whether invoices print a logo (GET /chambre/logo)' })
  hasLogo!: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
