import { Injectable, Logger } from '@nestjs/common';
import { HandledJob, OnJob, QueueName } from '@mutualis/core';
import { CatalogueJobs } from '../catalogue.events';
import { CompletePastSessionsUseCase } from '../use-cases/complete-past-sessions/complete-past-sessions.use-case';

@Injectable()
export class CatalogueHandlers {
  private readonly logger = new Logger(CatalogueHandlers.name);

  constructor(private readonly completePastSessions: CompletePastSessionsUseCase) {}

  @OnJob(CatalogueJobs.CompletePastSessions, QueueName.Maintenance, {
    schedule: { pattern: '5 * * * *', tz: 'Europe/Paris' },
  })
  async completeSessions(_data: unknown, job: HandledJob) {
    const completed = await this.completePastSessions.execute();
    if (completed > 0)
      this.logger.log({ jobId: job.id, completed }, 'marked ended sessions completed');
    return { completed };
  }
}
