import { Injectable } from '@nestjs/common';
import { DocumentStore } from '@mutualis/documents';
import { DomainException } from '@mutualis/core';
import { Actor, OrganisationAccessService } from '@mutualis/identity';
import { TrainingDocumentAccessService } from '../../services/training-document-access.service';
import { TrainingDocumentsService } from '../../services/training-documents.service';
import { TrainingSettingsService } from '../../services/training-settings.service';
import {
  ConventionParty,
  TrainingConventionsService,
} from '../../services/training-conventions.service';
import { presentTrainingDocument, TrainingDocumentView } from '../../views/training-document.view';

export interface BookingDocumentsView {
  bookingId: string;
  /** Every version of every training document of the booking, newest first. */
  documents: TrainingDocumentView[];
  /** Null until the convention is issued (the worker makes it once the booking is confirmed). */
  convention: {
    documentId: string;
    sha256: string;
    version: number;
    signedByOrganisation: boolean;
    signedByChambre: boolean;
    /** Whether the Chambre asks for the organisation's signature before the session. */
    required: boolean;
    /** The side the caller may sign for now (its organisation's admin, the Chambre's signatory), or null. */
    youMaySign: ConventionParty | null;
  } | null;
}

/** A booking's training documents, for whoever reads the booking. */
@Injectable()
export class ListBookingDocumentsUseCase {
  constructor(
    private readonly access: TrainingDocumentAccessService,
    private readonly documents: TrainingDocumentsService,
    private readonly conventions: TrainingConventionsService,
    private readonly settings: TrainingSettingsService,
    private readonly store: DocumentStore,
    private readonly organisations: OrganisationAccessService,
  ) {}

  async execute(actor: Actor, bookingId: string): Promise<BookingDocumentsView> {
    await this.access.readableBooking(actor, bookingId);
    const [records, convention, settings] = await Promise.all([
      this.documents.list({ bookingId }),
      this.conventions.state(bookingId),
      this.settings.get(),
    ]);
    const newest = new Map<string, number>();
    for (const { document } of records) {
      newest.set(
        document.seriesKey,
        Math.max(newest.get(document.seriesKey) ?? 0, document.version),
      );
    }
    const youMaySign = convention
      ? await this.sideFor(actor, convention.organisationId, settings.signatoryUserId, (party) =>
          convention.signatures.some((signature) => signature.party === party),
        )
      : null;
    const signatures = await this.store.signaturesOf(records.map(({ document }) => document.id));
    const documents = records
      .map(({ link, document }) =>
        presentTrainingDocument(
          link,
          document,
          newest.get(document.seriesKey) === document.version,
          signatures,
        ),
      )
      .sort(
        (a, b) =>
          b.createdAt.localeCompare(a.createdAt) ||
          a.kind.localeCompare(b.kind) ||
          b.version - a.version,
      );
    return {
      bookingId,
      documents,
      convention: convention && {
        documentId: convention.latestDocumentId,
        sha256: convention.latestSha256,
        version: convention.latestVersion,
        signedByOrganisation: convention.signatures.some((s) => s.party === 'organisation'),
        signedByChambre: convention.signatures.some((s) => s.party === 'chambre'),
        required: settings.requireSignedConvention,
        youMaySign,
      },
    };
  }

  /** The side still unsigned that the actor signs for, as SignConventionUseCase decides it. */
  private async sideFor(
    actor: Actor,
    organisationId: string,
    signatoryUserId: string | null,
    signed: (party: ConventionParty) => boolean,
  ): Promise<ConventionParty | null> {
    const sides: ConventionParty[] = [];
    try {
      const role = await this.organisations.assertBelongsTo(actor, organisationId);
      if (role === 'org_admin') sides.push('organisation');
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
    }
    if (signatoryUserId === actor.userId) sides.push('chambre');
    return sides.find((side) => !signed(side)) ?? null;
  }
}
