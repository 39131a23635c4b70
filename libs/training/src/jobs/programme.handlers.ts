import { Injectable } from '@nestjs/common';
import {
  EventJob,
  HandledJob,
  jobAuditContext,
  OnEvent,
  QueueName,
  runWithAuditContext,
} from '@mutualis/core';
import { CatalogueEvents } from '@mutualis/catalogue';
import { ProgrammeDocumentsService } from '../services/programme-documents.service';

/** The programme is recorded as published: on a first publication and on each approved revision. */
@Injectable()
export class ProgrammeHandlers {
  constructor(private readonly programmes: ProgrammeDocumentsService) {}

  @OnEvent(CatalogueEvents.OfferingPublished, QueueName.Training)
  offeringPublished(event: EventJob<typeof CatalogueEvents.OfferingPublished>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), async () => ({
      outcome: await this.programmes.recordPublished(event.aggregateId),
    }));
  }
}
