import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../http/page.dto';

// Years 1900 to 2999: far enough for any audit, and a day's end always a date PostgreSQL takes.
const DAY_OR_INSTANT =
  /^(19|2\d)\d{2}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export class AuditLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The user who acted.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  actor?: string;

  @ApiPropertyOptional({
    description: 'What changed: a type (`offering`), or a type and an id (`offering:<uuid>`).',
    example: 'organisation',
  })
  @IsOptional()
  @IsString()
  @MaxLength(241)
  @Matches(/^[a-z]+(_[a-z]+)*(:[A-Za-z0-9._-]{1,200})?$/, {
    message: 'must be an entity type, optionally followed by `:` and an id',
  })
  entity?: string;

  @ApiPropertyOptional({ description: 'One action, e.g. `offering.published`.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z][a-z._-]*$/, { message: 'must be an action such as offering.published' })
  action?: string;

  @ApiPropertyOptional({
    description:
      'From this instant (ISO 8601 with offset), or from the start of this day in Paris (YYYY-MM-DD).',
    example: '2026-12-01',
  })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'must be a YYYY-MM-DD day or an ISO 8601 instant' })
  @Matches(DAY_OR_INSTANT, { message: 'must be a day or an instant between 1900 and 2999' })
  from?: string;

  @ApiPropertyOptional({
    description:
      'Before this instant (ISO 8601 with offset), or up to the end of this day in Paris (YYYY-MM-DD).',
    example: '2026-12-31',
  })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'must be a YYYY-MM-DD day or an ISO 8601 instant' })
  @Matches(DAY_OR_INSTANT, { message: 'must be a day or an instant between 1900 and 2999' })
  to?: string;
}

export class AuditLogActorDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) userId!: string | null;
  @ApiProperty({ description: 'The role acted with (`admin`, `finance`…) or `system`.' })
  label!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The user’s current name.' })
  name!: string | null;
}

export class AuditLogEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: AuditLogActorDto }) actor!: AuditLogActorDto;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ example: 'offering.published' }) action!: string;
  @ApiProperty({ example: 'offering' }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The changed fields as they were; null for a creation.',
  })
  before!: Record<string, unknown> | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The changed fields as they became; null for a removal.',
  })
  after!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true })
  context!: Record<string, unknown>;
}

export class AuditLogPageDto {
  @ApiProperty({ type: [AuditLogEntryDto] }) items!: AuditLogEntryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
