import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, Clock, DomainException, OutboxService } from '@mutualis/core';
import { DocumentStore } from '@mutualis/documents';
import { Actor, ContactDirectoryService, OrganisationAccessService } from '@mutualis/identity';
import { conventionTitle, renderConvention } from '../../pdf/convention.renderer';
import { ConventionRepository } from '../../repositories/convention.repository';
import { TrainingDocumentAccessService } from '../../services/training-document-access.service';
import {
  ConventionParty,
  conventionSeriesKey,
  stampsOf,
  TrainingConventionsService,
} from '../../services/training-conventions.service';
import { TrainingDocumentsService } from '../../services/training-documents.service';
import { TrainingSettingsService } from '../../services/training-settings.service';
import { TrainingEvents } from '../../training.events';
import { documentNotFound, TrainingErrorCode, TrainingException } from '../../training.exception';
import { presentTrainingDocument, TrainingDocumentView } from '../../views/training-document.view';

export interface SignConventionCommand {
  actor: Actor;
  documentId: string;
  /** The SHA-256 of the version the signer was shown. */
  sha256: string;
  consent: boolean;
  signerCapacity?: string | null;
  ipAddress?: string | null;
  userAgent?: string | null;
}

/** The words the signer agrees to, recorded with the signature as shown. */
export function consentText(organisationName: string, party: ConventionParty, sha256: string) {
  const side = party === 'organisation' ? organisationName : 'l’organisme de formation';
  return (
    `J’ai lu la convention de formation dont l’empreinte SHA-256 est ${sha256} et je la signe ` +
    `pour ${side}, par signature électronique simple.`
  );
}

/**
 * One side signs a booking's convention: the organisation's admin for the organisation, the
 * Chambre's signatory (training settings) for the Chambre. The signature is recorded on the
 * version shown (refused unless it is the newest and its hash is the one given), then the next
 * version is rendered with every signature block and stored; the signed records stay as they are.
 */
@Injectable()
export class SignConventionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: TrainingDocumentsService,
    private readonly access: TrainingDocumentAccessService,
    private readonly conventions: ConventionRepository,
    private readonly state: TrainingConventionsService,
    private readonly settings: TrainingSettingsService,
    private readonly organisations: OrganisationAccessService,
    private readonly contacts: ContactDirectoryService,
    private readonly store: DocumentStore,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(command: SignConventionCommand): Promise<TrainingDocumentView> {
    const { actor } = command;
    const link = await this.documents.linkOf(command.documentId);
    if (!link) throw documentNotFound();
    await this.access.assertCanRead(actor, link);
    if (link.kind !== 'convention' || !link.bookingId) {
      throw new TrainingException(
        TrainingErrorCode.InvalidSignatureRequest,
        'only a convention is signed here',
      );
    }
    if (command.consent !== true) {
      throw new TrainingException(
        TrainingErrorCode.InvalidSignatureRequest,
        'signing needs your consent',
        [{ field: 'consent', message: 'must be true' }],
      );
    }
    const bookingId = link.bookingId;
    const convention = await this.conventions.find(bookingId);
    if (!convention) throw documentNotFound();
    const source = await this.conventions.source(bookingId);
    if (source?.status !== 'confirmed' && source?.status !== 'attended') {
      throw new TrainingException(
        TrainingErrorCode.InvalidSignatureRequest,
        'the booking is no longer confirmed: its convention cannot be signed',
      ).with({ status: source?.status ?? 'none' });
    }
    const [settings, sides, [contact]] = await Promise.all([
      this.settings.get(),
      this.sidesOf(actor, convention.organisationId),
      this.contacts.usersByIds([actor.userId]),
    ]);
    if (settings.signatoryUserId === actor.userId) sides.push('chambre');
    if (sides.length === 0) {
      throw new TrainingException(
        TrainingErrorCode.NotTheSignatory,
        'only an administrator of the organisation, or the Chambre’s signatory, signs a convention',
      );
    }

    const signedAt = this.clock.now();
    const record = await this.dataSource.transaction(async (manager) => {
      await this.conventions.lock(bookingId, manager);
      const current = await this.state.state(bookingId, manager);
      if (!current) throw documentNotFound();
      if (
        current.latestDocumentId !== command.documentId ||
        current.latestSha256 !== command.sha256
      ) {
        throw new TrainingException(
          TrainingErrorCode.ConventionOutdated,
          'this is not the current version of the convention: read the newest one and sign it',
        ).with({
          currentDocumentId: current.latestDocumentId,
          currentSha256: current.latestSha256,
        });
      }
      const party = sides.find(
        (side) => !current.signatures.some((signature) => signature.party === side),
      );
      if (!party) {
        throw new TrainingException(
          TrainingErrorCode.ConventionAlreadySigned,
          'this side already signed the convention',
        );
      }
      const signerName =
        (party === 'chambre' ? settings.signatoryName : null) ?? contact?.name ?? contact?.email;
      const signerCapacity =
        command.signerCapacity?.trim() ||
        (party === 'chambre' ? settings.signatoryCapacity : null) ||
        (party === 'organisation' ? 'Représentant(e) habilité(e) de l’organisation' : null);
      const signature = await this.store.sign(
        {
          documentId: command.documentId,
          party,
          signerUserId: actor.userId,
          signerName: signerName ?? 'Signataire',
          signerEmail: contact?.email ?? null,
          signerCapacity,
          documentSha256: command.sha256,
          consentText: consentText(convention.terms.organisation.legalName, party, command.sha256),
          ipAddress: command.ipAddress ?? null,
          userAgent: command.userAgent?.slice(0, 500) ?? null,
          signedAt,
        },
        manager,
      );
      const stamps = stampsOf([
        ...current.signatures,
        Object.assign(signature, { version: current.latestVersion }),
      ]);
      const content = await renderConvention(convention.terms, stamps);
      const record = await this.documents.record(
        {
          kind: 'convention',
          seriesKey: conventionSeriesKey(bookingId),
          title: `${conventionTitle(convention.kind)} ${convention.terms.reference}`,
          fileName: `${convention.kind}-${convention.terms.reference}-signee-v${current.latestVersion + 1}.pdf`,
          content,
          offeringId: link.offeringId,
          sessionId: link.sessionId,
          bookingId,
          organisationId: convention.organisationId,
          createdBy: actor.userId,
        },
        manager,
      );
      await this.outbox.record(manager, {
        type: TrainingEvents.ConventionSigned,
        aggregateType: 'booking',
        aggregateId: bookingId,
        payload: {
          bookingId,
          documentId: record.document.id,
          organisationId: convention.organisationId,
          party,
        },
      });
      await this.audit.record(manager, {
        action: 'training_convention.signed',
        entityType: 'booking',
        entityId: bookingId,
        before: { document: command.documentId, sha256: command.sha256 },
        after: { party, document: record.document.id, sha256: record.document.sha256 },
        context: { organisation: convention.organisationId },
      });
      return record;
    });
    const signatures = await this.store.signaturesOf([record.document.id]);
    return presentTrainingDocument(record.link, record.document, true, signatures);
  }

  /** The sides the actor signs for: the organisation when they administer it. */
  private async sidesOf(actor: Actor, organisationId: string): Promise<ConventionParty[]> {
    try {
      const role = await this.organisations.assertBelongsTo(actor, organisationId);
      return role === 'org_admin' ? ['organisation'] : [];
    } catch (error) {
      if (error instanceof DomainException) return [];
      throw error;
    }
  }
}
