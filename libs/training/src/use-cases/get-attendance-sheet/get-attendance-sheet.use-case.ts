import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import { Actor, hasRole } from '@mutualis/identity';
import { CompletionDocumentsService } from '../../services/completion-documents.service';
import { TrainingErrorCode, TrainingException } from '../../training.exception';

export interface AttendanceSheetFile {
  documentId: string;
  version: number;
  sha256: string;
  fileName: string;
  content: Buffer;
}

/**
 * The session's attendance sheet as it stands, any time (during the session too): made from the
 * half-days signed so far and stored as the next version, so what was handed out stays on record.
 * Only the session's consultant and the Chambre's admins: it shows every organisation's trainees
 * and their signatures (an organisation reads its own trainees' certificates instead); anyone
 * else is told the session does not exist.
 */
@Injectable()
export class GetAttendanceSheetUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: CompletionDocumentsService,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, sessionId: string): Promise<AttendanceSheetFile> {
    const context = await this.documents.context(sessionId);
    if (!context || !(hasRole(actor, 'admin') || context.session.consultantId === actor.userId)) {
      throw new TrainingException(TrainingErrorCode.SessionNotFound, 'session not found');
    }
    const stored = await this.dataSource.transaction((manager) =>
      this.documents.storeAttendanceSheet(context, this.clock.now(), actor.userId, manager),
    );
    return {
      documentId: stored.document.id,
      version: stored.document.version,
      sha256: stored.document.sha256,
      fileName: stored.document.fileName,
      content: stored.content,
    };
  }
}
