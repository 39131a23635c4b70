import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AuditLog,
  AuditRecord,
  decodeCursor,
  encodeCursor,
  Page,
  parisEndOfDay,
  parisStartOfDay,
} from '@mutualis/core';
import { ContactDirectoryService } from '@mutualis/identity';
import { Roles } from '../http/auth/roles.decorator';
import { AuditLogEntryDto, AuditLogPageDto, AuditLogQueryDto } from './audit.dto';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditLog,
    private readonly directory: ContactDirectoryService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The audit log of sensitive changes, newest first (Chambre admin)',
    description:
      'Roles, memberships, public-body flags, the Chambre’s identity and logo, moderation, prices and VAT, credit notes, refunds, CSV profiles, erasures: who, when, in which request, before and after.',
  })
  @ApiOkResponse({ type: AuditLogPageDto })
  async list(@Query() query: AuditLogQueryDto): Promise<Page<AuditLogEntryDto>> {
    const [entityType, ...rest] = query.entity?.split(':') ?? [];
    const rows = await this.audit.list({
      actorUserId: query.actor,
      entityType: entityType || undefined,
      entityId: rest.length > 0 ? rest.join(':') : undefined,
      action: query.action,
      from: query.from
        ? DAY.test(query.from)
          ? parisStartOfDay(query.from)
          : new Date(query.from)
        : undefined,
      to: query.to
        ? DAY.test(query.to)
          ? parisEndOfDay(query.to)
          : new Date(query.to)
        : undefined,
      before: decodeCursor(query.cursor),
      limit: query.limit,
    });
    const shown = rows.slice(0, query.limit);
    const names = await this.directory.namesByIds(
      shown.flatMap((row) => (row.actorUserId ? [row.actorUserId] : [])),
    );
    const last = shown.at(-1);
    return {
      items: shown.map((row) => present(row, names)),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ createdAt: last.occurredAt, id: last.id })
          : null,
    };
  }
}

function present(row: AuditRecord, names: Map<string, string>): AuditLogEntryDto {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actor: {
      userId: row.actorUserId,
      label: row.actorLabel,
      name: row.actorUserId ? (names.get(row.actorUserId) ?? null) : null,
    },
    requestId: row.requestId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    reason: row.reason,
    context: row.context,
  };
}
