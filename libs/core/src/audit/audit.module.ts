import { Module } from '@nestjs/common';
import { AuditLog } from './audit-log.service';

/** Imported by every context that records sensitive changes. */
@Module({ providers: [AuditLog], exports: [AuditLog] })
export class AuditModule {}
