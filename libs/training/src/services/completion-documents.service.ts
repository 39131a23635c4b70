import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { parisDate } from '@mutualis/core';
import { CatalogueFactsService, SessionFacts } from '@mutualis/catalogue';
import { ContactDirectoryService, OrganisationDirectoryService } from '@mutualis/identity';
import { ChambreSettingsQuery } from '@mutualis/invoicing';
import { renderAttendanceSheet } from '../pdf/attendance-sheet.renderer';
import {
  ATTENDANCE_EVALUATION_NOTE,
  renderAttestation,
  renderCertificate,
  resultsFromAttendance,
  TraineeCompletion,
} from '../pdf/completion-documents.renderer';
import { TrainingBody, trainingBodyOf } from '../domain/training-body';
import type { Signatory } from '../pdf/completion-pdf';
import { CompletionFactsRepository } from '../repositories/completion-facts.repository';
import {
  SessionAttendance,
  SessionAttendanceService,
  TraineeAttendance,
} from './session-attendance.service';
import { TrainingDocumentRecord, TrainingDocumentsService } from './training-documents.service';
import { TrainingSettingsService } from './training-settings.service';

/** Everything a session's completion documents are made from, read once for all of them. */
export interface SessionCompletionContext {
  session: SessionFacts;
  body: TrainingBody;
  signatory: Signatory;
  consultantName: string;
  objectives: string[];
  evaluationMethods: string | null;
  place: string;
  attendance: SessionAttendance;
  organisationNames: Map<string, string>;
}

export interface TraineeDocuments {
  attestation: TrainingDocumentRecord;
  certificate: TrainingDocumentRecord;
}

/**
 * Makes and stores the documents after a session (L6353-1, D6313-3-1): its attendance sheet, and
 * per trainee the attestation de fin de formation and the certificat de réalisation, all from
 * the half-days signed (SessionAttendanceService) so they tell the same hours.
 */
@Injectable()
export class CompletionDocumentsService {
  constructor(
    private readonly catalogue: CatalogueFactsService,
    private readonly attendance: SessionAttendanceService,
    private readonly documents: TrainingDocumentsService,
    private readonly settings: TrainingSettingsService,
    private readonly chambre: ChambreSettingsQuery,
    private readonly contacts: ContactDirectoryService,
    private readonly organisations: OrganisationDirectoryService,
    private readonly facts: CompletionFactsRepository,
  ) {}

  /** Null when the session does not exist. */
  async context(sessionId: string): Promise<SessionCompletionContext | null> {
    const session = await this.catalogue.session(sessionId);
    if (!session) return null;
    const [chambre, settings, names, pedagogy, attendance] = await Promise.all([
      this.chambre.get(),
      this.settings.get(),
      this.contacts.namesByIds([session.consultantId]),
      this.facts.pedagogyOf(session.offeringId),
      this.attendance.of(sessionId),
    ]);
    const organisationNames = await this.organisations.legalNamesOf(
      attendance.trainees.map((trainee) => trainee.organisationId),
    );
    return {
      session,
      body: trainingBodyOf(chambre),
      signatory: { name: settings.signatoryName, capacity: settings.signatoryCapacity },
      consultantName: names.get(session.consultantId) ?? '—',
      objectives: pedagogy.objectives,
      evaluationMethods: pedagogy.evaluationMethods,
      place: placeOf(session),
      attendance,
      organisationNames,
    };
  }

  /** The attendance sheet as it stands now, stored as the next version of the session's. */
  async storeAttendanceSheet(
    context: SessionCompletionContext,
    madeAt: Date,
    createdBy: string | null,
    manager: EntityManager,
  ): Promise<TrainingDocumentRecord & { content: Buffer }> {
    const { session, attendance } = context;
    const content = await renderAttendanceSheet({
      body: context.body,
      training: {
        title: session.offeringTitle,
        consultantName: context.consultantName,
        place: context.place,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
      },
      halfDays: attendance.halfDays,
      trainees: attendance.trainees.map((trainee) => ({
        name: trainee.name,
        organisationName: context.organisationNames.get(trainee.organisationId) ?? '—',
        marks: trainee.marks,
        attendedMinutes: trainee.attendedMinutes,
      })),
      scheduledMinutes: attendance.scheduledMinutes,
      madeAt,
    });
    const record = await this.documents.record(
      {
        kind: 'attendance_sheet',
        seriesKey: `attendance-sheet:${session.sessionId}`,
        title: `Feuille d’émargement — ${session.offeringTitle}`,
        fileName: `feuille-emargement-${parisDate(session.startsAt)}.pdf`,
        content,
        offeringId: session.offeringId,
        sessionId: session.sessionId,
        createdBy,
      },
      manager,
    );
    return { ...record, content };
  }

  /** A trainee's attestation and certificate, each stored as the next version of its series. */
  async storeTraineeDocuments(
    context: SessionCompletionContext,
    trainee: TraineeAttendance,
    issuedAt: Date,
    manager: EntityManager,
  ): Promise<TraineeDocuments> {
    const { session } = context;
    const completion: TraineeCompletion = {
      body: context.body,
      signatory: context.signatory,
      trainee: { name: trainee.name },
      organisation: {
        legalName: context.organisationNames.get(trainee.organisationId) ?? '—',
      },
      training: {
        title: session.offeringTitle,
        objectives: context.objectives,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        place: context.place,
      },
      scheduledMinutes: trainee.scheduledMinutes,
      attendedMinutes: trainee.attendedMinutes,
      results: resultsFromAttendance(
        context.objectives,
        trainee.attendedMinutes,
        trainee.scheduledMinutes,
      ),
      evaluationMethods: context.evaluationMethods,
      evaluationNote: ATTENDANCE_EVALUATION_NOTE,
      issuedAt,
    };
    const [attestation, certificate] = await Promise.all([
      renderAttestation(completion),
      renderCertificate(completion),
    ]);
    const links = {
      offeringId: session.offeringId,
      sessionId: session.sessionId,
      bookingId: trainee.bookingId,
      attendeeId: trainee.attendeeId,
      organisationId: trainee.organisationId,
    };
    // Titles and file names carry no one's name: the row is a record kept as it is, while a
    // trainee's name may have to be anonymised elsewhere (the PDF is the legal record).
    const day = parisDate(session.startsAt);
    // One after the other: both share the caller's transaction (one connection).
    const storedAttestation = await this.documents.record(
      {
        ...links,
        kind: 'attestation',
        seriesKey: `attestation:${trainee.attendeeId}`,
        title: `Attestation de fin de formation — ${session.offeringTitle}`,
        fileName: `attestation-fin-de-formation-${day}.pdf`,
        content: attestation,
      },
      manager,
    );
    const storedCertificate = await this.documents.record(
      {
        ...links,
        kind: 'certificate',
        seriesKey: `certificate:${trainee.attendeeId}`,
        title: `Certificat de réalisation — ${session.offeringTitle}`,
        fileName: `certificat-de-realisation-${day}.pdf`,
        content: certificate,
      },
      manager,
    );
    return { attestation: storedAttestation, certificate: storedCertificate };
  }
}

/** The place printed: the room, or « À distance » for a remote session (its link is not printed). */
function placeOf(session: SessionFacts): string {
  if (session.location) return session.location;
  return session.remoteUrl ? 'À distance (classe virtuelle)' : 'Lieu non précisé';
}
