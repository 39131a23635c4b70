import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sha256Hex } from '@mutualis/documents';
import { DataSource } from 'typeorm';
import { SessionTraineeFacts } from '@mutualis/booking';
import { CatalogueFactsService, SessionFacts } from '@mutualis/catalogue';
import { Clock, OutboxService, parisDate, parisStartOfDay } from '@mutualis/core';
import { ContactDirectoryService, OrganisationDirectoryService } from '@mutualis/identity';
import { renderConvocation } from '../pdf/convocation.renderer';
import { TrainingEvents } from '../training.events';
import { ProgrammeDocumentsService } from './programme-documents.service';
import { TrainingDocumentsService } from './training-documents.service';

export const convocationSeriesKey = (attendeeId: string): string => `convocation:${attendeeId}`;

/** A trainee's convocation rendered, ready to be recorded. */
export interface ConvocationDraft {
  trainee: SessionTraineeFacts;
  pdf: Buffer;
}

/**
 * Makes trainees' convocations (the PDF from the session and the offering's content as they
 * stand) and records each one with its ConvocationIssued event, in one transaction per trainee.
 */
@Injectable()
export class ConvocationDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueFactsService,
    private readonly contacts: ContactDirectoryService,
    private readonly organisations: OrganisationDirectoryService,
    private readonly programmes: ProgrammeDocumentsService,
    private readonly documents: TrainingDocumentsService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /**
   * The convocations of these trainees of one session. Dated the Paris day they are made (the
   * PDF's creation date too), so making them again the same day gives the same bytes.
   */
  async render(
    session: SessionFacts,
    trainees: SessionTraineeFacts[],
    revised: boolean,
  ): Promise<ConvocationDraft[]> {
    if (trainees.length === 0) return [];
    const content = (await this.catalogue.trainingContent(session.offeringId))!;
    const [body, trainers, organisationNames] = await Promise.all([
      this.programmes.trainingBody(),
      this.contacts.usersByIds([content.consultantId]),
      this.organisations.legalNamesOf(trainees.map((trainee) => trainee.organisationId)),
    ]);
    const trainer = trainers[0];
    const issuedAt = parisStartOfDay(parisDate(this.clock.now()));
    const drafts: ConvocationDraft[] = [];
    for (const trainee of trainees) {
      const pdf = await renderConvocation({
        body,
        trainee: {
          name: trainee.name,
          organisationName: organisationNames.get(trainee.organisationId) ?? null,
        },
        offering: {
          title: content.title,
          deliveryMode: content.deliveryMode,
          pedagogy: content.pedagogy ?? {},
        },
        session: {
          startsAt: session.startsAt,
          endsAt: session.endsAt,
          location: session.location,
          remoteUrl: session.remoteUrl,
        },
        trainer: trainer ? { name: trainer.name ?? trainer.email, email: trainer.email } : null,
        revised,
        issuedAt,
      });
      drafts.push({ trainee, pdf });
    }
    return drafts;
  }

  /**
   * Records a convocation as the next version of the trainee's series and announces it (mail),
   * unless its latest version already has these very bytes (a replay). A first one is recorded
   * only when the trainee has none yet.
   */
  async record(
    session: SessionFacts,
    draft: ConvocationDraft,
    revised: boolean,
  ): Promise<'issued' | 'already_issued'> {
    const { trainee, pdf } = draft;
    const seriesKey = convocationSeriesKey(trainee.attendeeId);
    return this.dataSource.transaction(async (manager) => {
      const latest = await this.documents.latest(seriesKey, manager);
      if (latest && (!revised || latest.document.sha256 === sha256Hex(pdf)))
        return 'already_issued';
      const { document } = await this.documents.record(
        {
          kind: 'convocation',
          seriesKey,
          // No one's name in a record's title (a trainee may be anonymised; the PDF is the record).
          title: `${revised ? 'Convocation modifiée' : 'Convocation'} — ${session.offeringTitle}`,
          fileName: 'convocation.pdf',
          content: pdf,
          offeringId: session.offeringId,
          sessionId: session.sessionId,
          bookingId: trainee.bookingId,
          attendeeId: trainee.attendeeId,
          organisationId: trainee.organisationId,
        },
        manager,
      );
      await this.outbox.record(manager, {
        type: TrainingEvents.ConvocationIssued,
        aggregateType: 'booking',
        aggregateId: trainee.bookingId,
        payload: {
          bookingId: trainee.bookingId,
          sessionId: session.sessionId,
          attendeeId: trainee.attendeeId,
          documentId: document.id,
          revised,
        },
      });
      return 'issued';
    });
  }

  /** Whether the trainee has been sent a convocation already. */
  async hasOne(attendeeId: string): Promise<boolean> {
    return (await this.documents.latest(convocationSeriesKey(attendeeId))) !== null;
  }
}
