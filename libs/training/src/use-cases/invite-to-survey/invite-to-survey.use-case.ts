import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BookingFactsService } from '@mutualis/booking';
import { CatalogueFactsService, SessionFacts } from '@mutualis/catalogue';
import { Clock } from '@mutualis/core';
import { ContactDirectoryService, Locale } from '@mutualis/identity';
import { deliverable, SurveyRespondentsService } from '../../services/survey-respondents.service';
import { SURVEY_OPEN_DAYS, SurveyStage, surveyDueAt } from '../../domain/surveys';
import {
  NewSurveyInvitation,
  SurveyInvitationRow,
  SurveyRepository,
} from '../../repositories/survey.repository';
import { TrainingSettingsService } from '../../services/training-settings.service';
import { ScheduleSurveysUseCase } from '../schedule-surveys/schedule-surveys.use-case';

/** A minute's slack: a due event delivered a little early is still on time. */
const EARLY_TOLERANCE_MS = 60_000;

export interface SurveyInvitationToSend extends SurveyInvitationRow {
  name: string;
  email: string;
  locale: Locale;
}

export interface InviteToSurveyResult {
  outcome: 'invited' | 'no_session' | 'session_cancelled' | 'not_due_yet';
  session: SessionFacts | null;
  /** Every invitation of the stage still open and unanswered: the mail log skips those already sent. */
  invitations: SurveyInvitationToSend[];
}

/**
 * A session's survey stage is due: each trainee of its seated bookings (not those recorded
 * absent as a booking, « no_show ») and, for the cold one, each organisation's booker is
 * invited once. Checked on arrival: a cancelled session invites nobody, a session moved later is
 * scheduled again for its new end.
 */
@Injectable()
export class InviteToSurveyUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueFactsService,
    private readonly bookings: BookingFactsService,
    private readonly contacts: ContactDirectoryService,
    private readonly settings: TrainingSettingsService,
    private readonly surveys: SurveyRepository,
    private readonly schedule: ScheduleSurveysUseCase,
    private readonly respondents: SurveyRespondentsService,
    private readonly clock: Clock,
  ) {}

  async execute(
    sessionId: string,
    stage: SurveyStage,
    now: Date = this.clock.now(),
  ): Promise<InviteToSurveyResult> {
    const session = await this.catalogue.session(sessionId);
    if (!session) return { outcome: 'no_session', session: null, invitations: [] };
    if (session.status === 'cancelled') {
      return { outcome: 'session_cancelled', session, invitations: [] };
    }
    const { coldSurveyDaysAfter } = await this.settings.get();
    const dueAt = surveyDueAt(stage, session.endsAt, coldSurveyDaysAfter);
    if (dueAt.getTime() > now.getTime() + EARLY_TOLERANCE_MS) {
      await this.schedule.forSession(session);
      return { outcome: 'not_due_yet', session, invitations: [] };
    }

    const closesAt = new Date(now.getTime() + SURVEY_OPEN_DAYS * 86_400_000);
    const common = {
      sessionId,
      offeringId: session.offeringId,
      consultantId: session.consultantId,
      stage,
      closesAt,
    };
    const trainees = (await this.bookings.traineesOfSession(sessionId)).filter(
      (trainee) => trainee.bookingStatus !== 'no_show' && deliverable(trainee.email),
    );
    const invitations: NewSurveyInvitation[] = trainees.map((trainee) => ({
      ...common,
      respondent: 'trainee',
      bookingId: trainee.bookingId,
      organisationId: trainee.organisationId,
      attendeeId: trainee.attendeeId,
      userId: null,
    }));
    if (stage === 'cold') invitations.push(...(await this.organisationContacts(trainees, common)));
    await this.dataSource.transaction((manager) => this.surveys.invite(invitations, manager));

    const open = (await this.surveys.invitationsOf(sessionId, stage)).filter(
      (invitation) => !invitation.answeredAt && invitation.closesAt > now,
    );
    const respondents = await this.respondents.of(sessionId, open);
    return {
      outcome: 'invited',
      session,
      invitations: open.flatMap((invitation) => {
        const respondent = respondents.get(invitation.id);
        return respondent ? [{ ...invitation, ...respondent }] : [];
      }),
    };
  }

  /** The cold survey also asks each organisation, through the person who booked for it. */
  private async organisationContacts(
    trainees: { bookingId: string; organisationId: string }[],
    common: Pick<
      NewSurveyInvitation,
      'sessionId' | 'offeringId' | 'consultantId' | 'stage' | 'closesAt'
    >,
  ): Promise<NewSurveyInvitation[]> {
    const firstBookingOf = new Map<string, string>();
    for (const trainee of trainees) {
      if (!firstBookingOf.has(trainee.organisationId))
        firstBookingOf.set(trainee.organisationId, trainee.bookingId);
    }
    const invitations: NewSurveyInvitation[] = [];
    for (const [organisationId, bookingId] of firstBookingOf) {
      const booking = await this.bookings.forNotice(bookingId);
      if (!booking) continue;
      const [contact] = await this.contacts.usersByIds([booking.bookedBy]);
      if (!contact?.userId || !deliverable(contact.email)) continue;
      invitations.push({
        ...common,
        respondent: 'organisation',
        bookingId,
        organisationId,
        attendeeId: null,
        userId: contact.userId,
      });
    }
    return invitations;
  }
}
