import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, Clock, OutboxService, parisDate } from '@mutualis/core';
import { vatRegime, VatRegimeCode } from '@mutualis/catalogue';
import { OrganisationDirectoryService } from '@mutualis/identity';
import { ChambreSettingsQuery } from '@mutualis/invoicing';
import {
  conventionKindOf,
  ConventionTerms,
  scheduleOf,
  textList,
  textOf,
} from '../../domain/convention-terms';
import { conventionTitle, renderConvention } from '../../pdf/convention.renderer';
import { ConventionRepository, ConventionSource } from '../../repositories/convention.repository';
import { conventionSeriesKey } from '../../services/training-conventions.service';
import { TrainingDocumentsService } from '../../services/training-documents.service';
import { TrainingEvents } from '../../training.events';
import { trainingBodyOf } from '../../domain/training-body';

/** Days between two reminders of an unsigned convention. */
export const CONVENTION_REMINDER_DAYS = 3;
const DAY_MS = 86_400_000;

export type IssueOutcome =
  'issued' | 'already_issued' | 'no_booking' | 'not_a_training' | 'not_confirmed';

/**
 * Makes a confirmed training booking's convention (or contrat de formation): its terms are
 * frozen, version 1 is rendered and stored, the organisation is told (ConventionIssued) and the
 * first reminder planned. Run by the worker on `booking.confirmed`; a replay issues nothing twice.
 */
@Injectable()
export class IssueConventionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conventions: ConventionRepository,
    private readonly documents: TrainingDocumentsService,
    private readonly organisations: OrganisationDirectoryService,
    private readonly chambre: ChambreSettingsQuery,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(bookingId: string): Promise<IssueOutcome> {
    const source = await this.conventions.source(bookingId);
    if (!source) return 'no_booking';
    if (source.offeringKind !== 'training' || !source.sessionId) return 'not_a_training';
    if (source.status !== 'confirmed') return 'not_confirmed';
    if (await this.conventions.find(bookingId)) return 'already_issued';

    const terms = await this.termsOf(source);
    const content = await renderConvention(terms);
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      await this.conventions.lock(bookingId, manager);
      const inserted = await this.conventions.insert(
        { bookingId, organisationId: source.organisationId, kind: terms.kind, terms },
        manager,
      );
      if (!inserted) return 'already_issued';
      const { document } = await this.documents.record(
        {
          kind: 'convention',
          seriesKey: conventionSeriesKey(bookingId),
          title: `${conventionTitle(terms.kind)} ${terms.reference}`,
          fileName: `${terms.kind === 'contrat' ? 'contrat' : 'convention'}-${terms.reference}.pdf`,
          content,
          offeringId: source.offeringId,
          sessionId: source.sessionId,
          bookingId,
          organisationId: source.organisationId,
        },
        manager,
      );
      const payload = { bookingId, documentId: document.id, organisationId: source.organisationId };
      await this.outbox.record(manager, {
        type: TrainingEvents.ConventionIssued,
        aggregateType: 'booking',
        aggregateId: bookingId,
        payload,
      });
      const firstReminder = new Date(now.getTime() + CONVENTION_REMINDER_DAYS * DAY_MS);
      if (
        firstReminder < source.startsAt &&
        (await this.conventions.planReminder(bookingId, firstReminder, null, manager))
      ) {
        await this.outbox.record(manager, {
          type: TrainingEvents.ConventionReminderDue,
          aggregateType: 'booking',
          aggregateId: bookingId,
          payload,
          deliverAt: firstReminder,
        });
      }
      await this.audit.record(manager, {
        action: 'training_convention.issued',
        entityType: 'booking',
        entityId: bookingId,
        before: null,
        after: { kind: terms.kind, document: document.id, sha256: document.sha256 },
        context: { organisation: source.organisationId },
      });
      return 'issued';
    });
  }

  private async termsOf(source: ConventionSource): Promise<ConventionTerms> {
    const [chambre, organisation] = await Promise.all([
      this.chambre.get(),
      this.organisations.billingIdentity(source.organisationId),
    ]);
    const schedule = scheduleOf(source.startsAt, source.endsAt);
    const offering = source.offering;
    const issuedOn = parisDate(this.clock.now());
    // The pedagogical fields (catalogue, R6353-1) are read when the offering has them; before
    // they exist the summary and description stand for the objectives and the programme.
    const objectives = textList(offering.objectives);
    const modules = textList(offering.programme ?? offering.modules);
    return {
      kind: conventionKindOf(source),
      reference: `CF-${issuedOn.slice(0, 4)}-${source.bookingId.slice(0, 8).toUpperCase()}`,
      issuedOn,
      chambre: trainingBodyOf(chambre),
      organisation: {
        legalName: organisation?.legalName ?? '',
        siret: organisation?.siret ?? null,
        rna: organisation?.rna ?? null,
        addressLines: organisation?.addressLines ?? [],
      },
      training: {
        title: textOf(offering.title) ?? '',
        summary: textOf(offering.summary) ?? '',
        objectives,
        programme: modules.length > 0 ? modules : textList(offering.description),
        prerequisites: textOf(offering.prerequisites),
        public: textOf(offering.audience ?? offering.public ?? offering.target_public),
        teachingMethods: textOf(offering.teaching_methods ?? offering.teachingMethods),
        evaluationMethods: textOf(offering.evaluation_methods ?? offering.evaluationMethods),
        accessibility: textOf(offering.accessibility),
        durationMinutes: schedule.minutes,
        schedule: schedule.lines,
        startsOn: schedule.startsOn,
        endsOn: schedule.endsOn,
        location: source.location,
        remote: !source.location && !!source.remoteUrl,
      },
      trainees: source.trainees.map((trainee) => trainee.name),
      price: {
        seats: source.seats,
        unitPriceCents: source.unitPriceCents,
        totalExclVatCents: source.totalExclVatCents,
        totalVatCents: source.totalVatCents,
        totalInclVatCents: source.totalInclVatCents,
        vatRateBasisPoints: source.vatRateBasisPoints,
        vatMention: vatMentionOf(source, chambre.vatRegime),
      },
      cancellation: source.cancellationPolicy.tiers.map((tier) => ({
        daysBefore: tier.daysBefore,
        refundPercent: tier.refundPercent,
      })),
      paidAtConfirmation: ['card', 'sepa_debit'].includes(source.confirmationMethod ?? ''),
      paymentTermsDays: chambre.paymentTermsDays,
    };
  }
}

/** The invoice's words for a price without VAT, or null when VAT is charged. */
function vatMentionOf(
  source: Pick<ConventionSource, 'vatTreatment' | 'vatRateBasisPoints'>,
  chambreRegime: 'standard' | 'franchise',
): string | null {
  if (source.vatRateBasisPoints > 0) return null;
  if (source.vatTreatment === 'standard' && chambreRegime === 'franchise') {
    return vatRegime('franchise').mention;
  }
  return vatRegime(source.vatTreatment as VatRegimeCode).mention ?? null;
}
