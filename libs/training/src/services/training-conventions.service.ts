import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DocumentSignature, DocumentStore } from '@mutualis/documents';
import { ConventionSignatureStamp } from '../domain/convention-terms';
import { ConventionRepository, StoredConvention } from '../repositories/convention.repository';
import { TrainingDocumentsService } from './training-documents.service';
import { TrainingSettingsService } from './training-settings.service';

export type ConventionParty = 'organisation' | 'chambre';

export function conventionSeriesKey(bookingId: string): string {
  return `convention:${bookingId}`;
}

/** Where a booking's convention stands: its latest version and who signed which version. */
export interface ConventionState {
  bookingId: string;
  organisationId: string;
  latestDocumentId: string;
  latestSha256: string;
  latestVersion: number;
  signatures: (DocumentSignature & { version: number })[];
}

/**
 * The conventions' state as other parts of the training context (and the notifications) ask it:
 * whether the organisation signed, who signs for it, what the signature blocks print.
 */
@Injectable()
export class TrainingConventionsService {
  constructor(
    private readonly conventions: ConventionRepository,
    private readonly documents: TrainingDocumentsService,
    private readonly store: DocumentStore,
    private readonly settings: TrainingSettingsService,
  ) {}

  /**
   * Whether the Chambre requires the organisation's signed convention before the session
   * (training settings) and this booking's organisation has not signed it yet: its trainees
   * cannot sign their attendance until it does.
   */
  async awaitedBeforeSession(bookingId: string, manager?: EntityManager): Promise<boolean> {
    const { requireSignedConvention } = await this.settings.get(manager);
    return requireSignedConvention && !(await this.isSignedByOrganisation(bookingId, manager));
  }

  /** Whether the booking's organisation signed its convention (any version). */
  async isSignedByOrganisation(bookingId: string, manager?: EntityManager): Promise<boolean> {
    const state = await this.state(bookingId, manager);
    return !!state?.signatures.some((signature) => signature.party === 'organisation');
  }

  /** Null when the booking has no convention (not a training, or not confirmed yet). */
  async state(bookingId: string, manager?: EntityManager): Promise<ConventionState | null> {
    const convention = await this.conventions.find(bookingId, manager);
    if (!convention) return null;
    const versions = await this.documents.list({ bookingId, kind: 'convention' }, manager);
    if (versions.length === 0) return null;
    const versionOf = new Map(versions.map(({ document }) => [document.id, document.version]));
    const latest = versions.reduce((last, record) =>
      record.document.version > last.document.version ? record : last,
    ).document;
    const signatures = await this.store.signaturesOf([...versionOf.keys()], manager);
    return {
      bookingId,
      organisationId: convention.organisationId,
      latestDocumentId: latest.id,
      latestSha256: latest.sha256,
      latestVersion: latest.version,
      signatures: signatures
        .map((signature) =>
          Object.assign(signature, { version: versionOf.get(signature.documentId)! }),
        )
        .sort((a, b) => a.signedAt.getTime() - b.signedAt.getTime()),
    };
  }

  /**
   * Whether the organisation is still to be reminded: the convention exists, the organisation has
   * not signed it, the booking is still confirmed and its session not begun.
   */
  async awaitsOrganisation(bookingId: string, now: Date): Promise<ConventionState | null> {
    const [state, source] = await Promise.all([
      this.state(bookingId),
      this.conventions.source(bookingId),
    ]);
    if (!state || !source || source.status !== 'confirmed') return null;
    if (source.sessionStatus !== 'scheduled' || source.startsAt <= now) return null;
    if (state.signatures.some((signature) => signature.party === 'organisation')) return null;
    return state;
  }

  /** The terms frozen at issue (kind, reference, parties, price, trainees), or null. */
  terms(bookingId: string): Promise<StoredConvention | null> {
    return this.conventions.find(bookingId);
  }

  /** The users who sign for the booking's organisation (its administrators). */
  organisationSigners(organisationId: string): Promise<string[]> {
    return this.conventions.organisationAdminIds(organisationId);
  }
}

export function stampsOf(
  signatures: (DocumentSignature & { version: number })[],
): ConventionSignatureStamp[] {
  return signatures.map((signature) => ({
    party: signature.party as ConventionParty,
    signerName: signature.signerName,
    signerCapacity: signature.signerCapacity,
    signedAt: signature.signedAt,
    documentSha256: signature.documentSha256,
    version: signature.version,
  }));
}
