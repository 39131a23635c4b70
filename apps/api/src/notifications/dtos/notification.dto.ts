import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsOptional } from 'class-validator';
import { DELIVERY_STATUSES, DeliveryStatus } from '@mutualis/notifications';
import { PageQueryDto } from '../../http/page.dto';
import type { DeliveryView } from '@mutualis/notifications';
import type { Page } from '@mutualis/core';

export class NotificationPreferencesDto {
  @ApiProperty({ description: 'E-mail reminders two days before a booked session.' })
  sessionReminders!: boolean;
}

export class UpdateNotificationPreferencesDto {
  @ApiProperty({
    description:
      'Turn the session reminders on or off. Confirmations, invoices and other transactional e-mail are always sent.',
  })
  @IsBoolean()
  sessionReminders!: boolean;
}

export class DeliveryDto implements DeliveryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Outbox event id, or the key of a scheduled message.' })
  eventKey!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty() template!: string;
  @ApiProperty({ enum: ['fr', 'en'] }) locale!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: DeliveryStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true }) smtpMessageId!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
}

export class DeliveryPageDto implements Page<DeliveryView> {
  @ApiProperty({ type: [DeliveryDto] }) items!: DeliveryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ListDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: DELIVERY_STATUSES,
    isArray: true,
    description: 'Comma-separated, e.g. `failed` or `pending,failed`.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value,
  )
  @IsArray()
  @ArrayUnique()
  @IsIn(DELIVERY_STATUSES, { each: true })
  status?: DeliveryStatus[];

  @ApiPropertyOptional({ description: 'Only the messages sent to this address.' })
  @IsOptional()
  @IsEmail({ require_tld: false })
  recipient?: string;
}
