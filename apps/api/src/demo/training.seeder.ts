import { Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { BookUseCase, ConfirmBookingUseCase } from '@mutualis/booking';
import { ScheduleSessionUseCase } from '@mutualis/catalogue';
import { Clock, PARIS_TIME_ZONE } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import {
  AnswerSurveyUseCase,
  AttendanceLinksService,
  CompleteSessionUseCase,
  CountersignHalfDayUseCase,
  InviteToSurveyUseCase,
  IssueConventionUseCase,
  IssueConvocationsUseCase,
  ListBookingDocumentsUseCase,
  RecordAbsenceUseCase,
  SessionAttendanceService,
  SignAttendanceUseCase,
  SignConventionUseCase,
  SurveyLinksService,
  TrainingDocumentsService,
  UpdateTrainingSettingsUseCase,
} from '@mutualis/training';
import { DemoMember } from './booking.seeder';
import { SeededOffering } from './catalogue.seeder';
import { DemoTime } from './demo-time';

/** The two-day training held three weeks ago: 14 h, 9:00–17:00 each day. */
const PAST_TRAINING =
  'Comptabilité associative et plan comptable des associations (règlement ANC 2018-06)';
const TRAINEES = [
  { name: 'Aïcha Benali', email: 'aicha.benali@demo.mutualis.fr' },
  { name: 'Julien Moreau', email: 'julien.moreau@demo.mutualis.fr' },
];
/** Julien was kept away the second afternoon: 10,5 h of 14 h. */
const ABSENT_ON = {
  trainee: 1,
  halfDay: 3,
  reason: 'Retenu par une réunion de son conseil d’administration',
};

/**
 * The training body's records in the demo, made through the same use cases the worker and the
 * app run: a session held last month with its convention signed by both sides, its convocations, every half-day
 * signed (one absence), countersigned, its attendance sheet, attestations and certificates, and
 * both trainees' answers to the hot survey; and an upcoming session whose convention awaits the
 * organisation's signature.
 */
@Injectable()
export class TrainingSeeder {
  private readonly logger = new Logger(TrainingSeeder.name);

  constructor(
    private readonly time: DemoTime,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly settings: UpdateTrainingSettingsUseCase,
    private readonly schedule: ScheduleSessionUseCase,
    private readonly book: BookUseCase,
    private readonly confirm: ConfirmBookingUseCase,
    private readonly issueConvention: IssueConventionUseCase,
    private readonly convocations: IssueConvocationsUseCase,
    private readonly bookingDocuments: ListBookingDocumentsUseCase,
    private readonly signConvention: SignConventionUseCase,
    private readonly attendance: SessionAttendanceService,
    private readonly links: AttendanceLinksService,
    private readonly sign: SignAttendanceUseCase,
    private readonly absences: RecordAbsenceUseCase,
    private readonly countersign: CountersignHalfDayUseCase,
    private readonly complete: CompleteSessionUseCase,
    private readonly invite: InviteToSurveyUseCase,
    private readonly surveyLinks: SurveyLinksService,
    private readonly answer: AnswerSurveyUseCase,
    private readonly documents: TrainingDocumentsService,
  ) {}

  async seed(
    offerings: SeededOffering[],
    member: DemoMember,
    consultants: Actor[],
    admin: Actor,
  ): Promise<number> {
    const past = offerings.find((offering) => offering.demo.title === PAST_TRAINING);
    if (!past || (await this.documents.list({ kind: 'certificate' })).length > 0) return 0;
    await this.settings.execute(admin, {
      signatoryUserId: admin.userId,
      signatoryCapacity: 'Directrice de la Chambre',
    });
    const consultant = consultants[past.demo.consultant - 1];
    const firstDay = DateTime.now().setZone(PARIS_TIME_ZONE).startOf('week').minus({ weeks: 3 });
    const startsAt = firstDay.set({ hour: 9 }).toJSDate();
    const endsAt = firstDay.plus({ days: 1 }).set({ hour: 17 }).toJSDate();

    // A month before: scheduled, booked for two, confirmed; the convention issued and signed.
    const { bookingId, sessionId } = await this.time.at(
      firstDay.minus({ weeks: 4 }).set({ hour: 10 }).toJSDate(),
      async () => {
        const session = await this.schedule.execute({
          actor: consultant,
          offeringId: past.offeringId,
          startsAt,
          endsAt,
          capacity: 12,
          location: 'Chambre ESS, 8 rue Sainte-Barbe, 13001 Marseille — salle Garance',
          remoteUrl: null,
        });
        const booked = await this.book.execute({
          actor: member.actor,
          organisationId: member.organisationId,
          sessionId: session.id,
          attendees: TRAINEES,
        });
        await this.confirm.execute({
          bookingId: booked.body.id,
          method: 'cheque',
          confirmedBy: admin.userId,
        });
        await this.issueConvention.execute(booked.body.id);
        await this.signAs(member.actor, booked.body.id, 'Présidente');
        await this.signAs(admin, booked.body.id, 'Directrice de la Chambre');
        return { bookingId: booked.body.id, sessionId: session.id };
      },
    );

    // A week before: each trainee's convocation.
    await this.time.at(firstDay.minus({ weeks: 1 }).set({ hour: 9 }).toJSDate(), () =>
      this.convocations.execute({ bookingId, sessionId }),
    );

    // Each half-day: the trainees sign from their phones, the consultant countersigns.
    const halfDays = await this.attendance.halfDaysOf(sessionId);
    const trainees = (await this.attendance.of(sessionId)).trainees;
    for (const [index, half] of halfDays.entries()) {
      await this.time.at(new Date(half.startsAt.getTime() + 5 * 60_000), async () => {
        for (const [position, trainee] of trainees.entries()) {
          if (ABSENT_ON.halfDay === index && ABSENT_ON.trainee === position) continue;
          await this.sign.execute({
            token: await this.links.tokenFor(half.id, trainee.attendeeId),
            signature: { kind: 'typed', name: trainee.name },
            ipAddress: null,
            userAgent: 'Mutualis demo',
          });
        }
      });
      await this.time.at(new Date(half.endsAt.getTime() - 10 * 60_000), async () => {
        if (ABSENT_ON.halfDay === index) {
          await this.absences.absent(consultant, {
            halfDayId: half.id,
            attendeeId: trainees[ABSENT_ON.trainee].attendeeId,
            reason: ABSENT_ON.reason,
          });
        }
        await this.countersign.execute(consultant, half.id, {
          kind: 'typed',
          name: 'Nadia Haddad',
        });
      });
    }

    // The evening it ended: its documents, and both trainees answer the hot survey.
    await this.time.at(new Date(endsAt.getTime() + 2 * 3_600_000), async () => {
      await this.complete.execute(sessionId);
      const { invitations } = await this.invite.execute(sessionId, 'hot', this.clock.now());
      for (const [index, invitation] of invitations.entries()) {
        const token = await this.dataSource.transaction((manager) =>
          this.surveyLinks.mint(invitation.id, manager),
        );
        if (!token) continue;
        await this.answer.execute({
          token,
          overall: 5 - index,
          objectivesMet: 5,
          content: 4,
          trainer: 5,
          organisation: 4 + index,
          comment:
            index === 0 ? 'Très concret, les exercices sur nos propres comptes ont aidé.' : null,
        });
      }
    });

    // An upcoming session: booked and confirmed, its convention waits for the organisation.
    const upcoming = offerings.find(
      (offering) =>
        offering !== past &&
        offering.demo.kind === 'training' &&
        offering.demo.status === 'published' &&
        offering.sessionIds.length > 0,
    );
    if (upcoming) {
      const booked = await this.book.execute({
        actor: member.actor,
        organisationId: member.organisationId,
        sessionId: upcoming.sessionIds[0],
        attendees: [TRAINEES[0]],
      });
      await this.confirm.execute({
        bookingId: booked.body.id,
        method: 'cheque',
        confirmedBy: admin.userId,
      });
      await this.issueConvention.execute(booked.body.id);
    }
    this.logger.log('seeded a completed training session and an upcoming convention to sign');
    return 1;
  }

  private async signAs(actor: Actor, bookingId: string, capacity: string): Promise<void> {
    const { convention } = await this.bookingDocuments.execute(actor, bookingId);
    if (!convention) throw new Error(`the convention of booking ${bookingId} was not issued`);
    await this.signConvention.execute({
      actor,
      documentId: convention.documentId,
      sha256: convention.sha256,
      consent: true,
      signerCapacity: capacity,
    });
  }
}
