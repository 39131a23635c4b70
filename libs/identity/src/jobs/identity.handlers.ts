import { Injectable, Logger } from '@nestjs/common';
import { HandledJob, OnJob, QueueName } from '@mutualis/core';
import { IdentityJobs } from '../identity.events';
import { PurgeExpiredCredentialsUseCase } from '../use-cases/purge-expired-credentials/purge-expired-credentials.use-case';

@Injectable()
export class IdentityHandlers {
  private readonly logger = new Logger(IdentityHandlers.name);

  constructor(private readonly purgeExpiredCredentials: PurgeExpiredCredentialsUseCase) {}

  @OnJob(IdentityJobs.PurgeExpiredCredentials, QueueName.Maintenance, {
    schedule: { pattern: '30 3 * * *', tz: 'Europe/Paris' },
  })
  async purgeCredentials(_data: unknown, job: HandledJob) {
    const result = await this.purgeExpiredCredentials.execute();
    this.logger.log({ jobId: job.id, ...result }, 'purged expired credentials');
    return result;
  }
}
