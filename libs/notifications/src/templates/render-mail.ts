import {
  accountEmailChangeNotice,
  accountEmailVerification,
  accountPasswordReset,
  accountRegistrationAttempt,
} from './account-lifecycle.templates';
import { accountInvitation } from './account.templates';
import {
  invoiceChorusNotice,
  invoiceIssued,
  invoiceOverdue,
  paymentReceived,
  refundIssued,
} from './billing.templates';
import {
  bookingCancelled,
  bookingConfirmed,
  bookingPendingPayment,
  sessionCancelled,
  sessionReminder,
  waitlistOffer,
} from './booking.templates';
import { consultantAttendeeList, consultantNewBooking } from './consultant.templates';
import { renderLayout } from './layout';
import {
  membershipApplicationApproved,
  membershipApplicationRefused,
  membershipApplicationSubmitted,
  membershipLapsed,
  membershipRenewalReminder,
} from './membership.templates';
import type { LocalisedTemplate } from './mail-content';
import { offeringApproved, offeringRejected } from './offering.templates';
import { attendanceSigningLink } from './training-attendance.templates';
import {
  trainingCompletionOrganisation,
  trainingCompletionTrainee,
} from './training-completion.templates';
import { trainingSurveyInvitation } from './training-survey.templates';
import {
  trainingConventionIssued,
  trainingConventionReminder,
} from './training-convention.templates';
import { trainingConvocation } from './training-programme.templates';
import type {
  MailContext,
  MailLocale,
  RenderedMail,
  TemplateData,
  TemplateName,
} from './template-data';

export {
  formatCalendarDate,
  formatEuros,
  formatIban,
  formatParisDateTime,
  formatParisPeriod,
  formatParisShortDate,
} from './format';
export { escapeHtml, html, httpUrl, raw, SafeHtml } from './html';
export type { HtmlValue } from './html';
export * from './template-data';

/** Every template, in every locale: a template missing here fails compilation. */
const TEMPLATES: { readonly [K in TemplateName]: LocalisedTemplate<K> } = {
  'account-invitation': accountInvitation,
  'offering-approved': offeringApproved,
  'offering-rejected': offeringRejected,
  'booking-pending-payment': bookingPendingPayment,
  'booking-confirmed': bookingConfirmed,
  'waitlist-offer': waitlistOffer,
  'booking-cancelled': bookingCancelled,
  'session-cancelled': sessionCancelled,
  'session-reminder': sessionReminder,
  'invoice-issued': invoiceIssued,
  'invoice-chorus-notice': invoiceChorusNotice,
  'payment-received': paymentReceived,
  'refund-issued': refundIssued,
  'invoice-overdue': invoiceOverdue,
  'membership-renewal-reminder': membershipRenewalReminder,
  'membership-lapsed': membershipLapsed,
  'consultant-new-booking': consultantNewBooking,
  'consultant-attendee-list': consultantAttendeeList,
  'account-email-verification': accountEmailVerification,
  'account-password-reset': accountPasswordReset,
  'account-registration-attempt': accountRegistrationAttempt,
  'account-email-change-notice': accountEmailChangeNotice,
  'membership-application-submitted': membershipApplicationSubmitted,
  'membership-application-approved': membershipApplicationApproved,
  'membership-application-refused': membershipApplicationRefused,
  'attendance-signing-link': attendanceSigningLink,
  'training-completion-trainee': trainingCompletionTrainee,
  'training-completion-organisation': trainingCompletionOrganisation,
  'training-survey-invitation': trainingSurveyInvitation,
  'training-convention-issued': trainingConventionIssued,
  'training-convention-reminder': trainingConventionReminder,
  'training-convocation': trainingConvocation,
};

export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

const LOCALES: readonly MailLocale[] = ['fr', 'en'];

/**
 * The subject, HTML and text of one e-mail. Names and locales are checked at run time too,
 * because the delivery log hands them back from JSON when a message is sent again.
 */
export function renderMail<T extends TemplateName>(
  template: T,
  data: TemplateData[T],
  context: MailContext,
): RenderedMail {
  if (!Object.hasOwn(TEMPLATES, template)) throw new Error(`Unknown mail template "${template}"`);
  if (!LOCALES.includes(context.locale)) {
    throw new Error(`Unsupported mail locale "${String(context.locale)}"`);
  }
  const localised: LocalisedTemplate<T> = TEMPLATES[template];
  return renderLayout(localised[context.locale](data, context), context);
}
