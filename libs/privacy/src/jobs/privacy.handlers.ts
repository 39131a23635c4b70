import { Injectable, Logger } from '@nestjs/common';
import { HandledJob, OnJob, QueueName } from '@mutualis/core';
import { PrivacyJobs } from '../privacy.events';
import { PurgeExpiredPersonalDataUseCase } from '../use-cases/purge-expired-personal-data/purge-expired-personal-data.use-case';

@Injectable()
export class PrivacyHandlers {
  private readonly logger = new Logger(PrivacyHandlers.name);

  constructor(private readonly purgeExpiredPersonalData: PurgeExpiredPersonalDataUseCase) {}

  @OnJob(PrivacyJobs.PurgeExpiredPersonalData, QueueName.Maintenance, {
    schedule: { pattern: '50 3 * * *', tz: 'Europe/Paris' },
  })
  async purgePersonalData(_data: unknown, job: HandledJob) {
    const result = await this.purgeExpiredPersonalData.execute();
    this.logger.log({ jobId: job.id, ...result }, 'anonymised personal data past retention');
    return result;
  }
}
