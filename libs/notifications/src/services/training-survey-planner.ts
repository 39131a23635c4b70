import type { InviteToSurveyResult } from '@mutualis/training';
import type { PlannedDelivery } from '../repositories/delivery.repository';
import type { PlannedSurveyInvitation } from '../templates/training-survey.templates';

/**
 * One message per open invitation, keyed by the invitation (not the event): the several
 * SurveyDue events of a session, or a replay, never mail a person twice. The link is made at send.
 */
export function surveyDeliveries(result: InviteToSurveyResult): PlannedDelivery[] {
  const { session } = result;
  if (!session) return [];
  return result.invitations.map((invitation) => {
    const params: PlannedSurveyInvitation = {
      surveyInvitationId: invitation.id,
      stage: invitation.stage,
      respondent: invitation.respondent,
      offeringTitle: session.offeringTitle,
      startsAt: session.startsAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
      closesAt: invitation.closesAt.toISOString(),
    };
    return {
      eventKey: `survey:${invitation.id}`,
      recipient: invitation.email,
      userId: invitation.userId,
      template: 'training-survey-invitation',
      locale: invitation.locale,
      params,
      attachments: [],
    };
  });
}
