import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import type { Page } from '@mutualis/core';
import {
  INVOICE_TYPES,
  InvoiceTransmissionListItemView,
  InvoiceTransmissionView,
  InvoiceType,
  LIFECYCLE_SOURCES,
  LIFECYCLE_STATUSES,
  LifecycleEventView,
  LifecycleSource,
  LifecycleStatus,
  TRANSMISSION_CHANNELS,
  TRANSMISSION_STATES,
  TransmissionChannel,
  TransmissionState,
} from '@mutualis/invoicing';
import { PageQueryDto } from '../http/page.dto';

const commaSeparated = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value;

export class ListInvoiceTransmissionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: TRANSMISSION_CHANNELS,
    isArray: true,
    description: 'Comma-separated.',
  })
  @IsOptional()
  @Transform(commaSeparated)
  @IsIn(TRANSMISSION_CHANNELS, { each: true })
  channel?: TransmissionChannel[];

  @ApiPropertyOptional({
    enum: TRANSMISSION_STATES,
    isArray: true,
    description: 'Comma-separated.',
  })
  @IsOptional()
  @Transform(commaSeparated)
  @IsIn(TRANSMISSION_STATES, { each: true })
  state?: TransmissionState[];
}

const STATUS_DESCRIPTION =
  'The 2027 reform’s lifecycle: issued (émise), deposited (déposée), made_available (mise à disposition), suspended, completed (complétée), rejected (refusée or rejetée, with its reason), approved (service fait, mandatée), paid (paiement transmis), collected (encaissée).';

export class LifecycleEventDto implements LifecycleEventView {
  @ApiProperty({ enum: LIFECYCLE_STATUSES, description: STATUS_DESCRIPTION })
  status!: LifecycleStatus;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why: the motif of a rejection or a suspension.',
  })
  reason!: string | null;
  @ApiProperty({ enum: LIFECYCLE_SOURCES, description: 'Who said it.' })
  source!: LifecycleSource;
}

const STATE_DESCRIPTION =
  'pending (to send, or retried after last_error), awaiting_configuration (the channel’s settings are missing), submitted (deposited, awaiting the platform’s verdict), processing (followed until paid), rejected (correct it by a credit note and a new invoice), completed (paid), failed (the platform refused our request), delegated (sent by the e-mail of its PDF).';

export class InvoiceTransmissionDto implements InvoiceTransmissionView {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ enum: TRANSMISSION_CHANNELS }) channel!: TransmissionChannel;
  @ApiProperty({ enum: TRANSMISSION_STATES, description: STATE_DESCRIPTION })
  state!: TransmissionState;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The platform’s own status (Chorus Pro: DEPOSEE, MISE_A_DISPOSITION…).',
  })
  externalStatus!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastStatusAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Finance and admins only.' })
  lastError!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Finance and admins only.' })
  attempts!: number | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Finance and admins only.',
  })
  nextAttemptAt!: string | null;
  @ApiProperty({ type: [LifecycleEventDto] }) lifecycle!: LifecycleEventDto[];
}

export class InvoiceTransmissionListItemDto implements InvoiceTransmissionListItemView {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ type: String, nullable: true }) invoiceNumber!: string | null;
  @ApiProperty({ enum: INVOICE_TYPES }) invoiceType!: InvoiceType;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() buyerName!: string;
  @ApiProperty() totalInclVatCents!: number;
  @ApiProperty({ enum: TRANSMISSION_CHANNELS }) channel!: TransmissionChannel;
  @ApiProperty({ enum: TRANSMISSION_STATES, description: STATE_DESCRIPTION })
  state!: TransmissionState;
  @ApiProperty({ type: String, nullable: true }) externalStatus!: string | null;
  @ApiProperty({ enum: LIFECYCLE_STATUSES, nullable: true }) lastStatus!: LifecycleStatus | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastStatusAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectionReason!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class InvoiceTransmissionPageDto implements Page<InvoiceTransmissionListItemView> {
  @ApiProperty({ type: [InvoiceTransmissionListItemDto] }) items!: InvoiceTransmissionListItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
