import type { SurveyInvitationData } from './training-survey.templates';

/**
 * What each e-mail template needs. Values are plain JSON (instants as ISO 8601 strings, money
 * as integer cents) because they are kept in the delivery log, so a failed message can be
 * sent again exactly as it was planned. Templates format them for the recipient's locale.
 */
export type MailLocale = 'fr' | 'en';

/** A session or consultation, as the member sees it. */
export interface ServiceMoment {
  offeringTitle: string;
  startsAt: string;
  endsAt: string;
  /** Postal address or room, for on-site sessions. */
  location: string | null;
  /** Video-call link, for remote sessions. */
  remoteUrl: string | null;
}

/** What the delivery log keeps of an invitation e-mail: no link, which carries a secret. */
/** A training session's dates and one trainee's hours on it (times ISO, shown in Paris time). */
export interface TrainingCompletionMoment {
  offeringTitle: string;
  startsAt: string;
  endsAt: string;
  attendedMinutes: number;
  scheduledMinutes: number;
}

export interface PlannedInvitation {
  invitationId: string;
  organisationName: string;
  inviterName: string | null;
  role: 'org_admin' | 'org_member';
  expiresAt: string;
}

export interface TemplateData {
  /** signUrl is derived as the message is sent, never stored. */
  'attendance-signing-link': PlannedSigningLink & { signUrl: string };
  /** acceptUrl is made as the message is sent (a fresh token), never stored. */
  'account-invitation': PlannedInvitation & { acceptUrl: string };
  /** `changes`: about changes to an offering already published (a revision), not the offering. */
  'offering-approved': { offeringTitle: string; offeringUrl: string; changes?: boolean };
  'offering-rejected': {
    offeringTitle: string;
    reason: string;
    offeringUrl: string;
    changes?: boolean;
  };
  'booking-pending-payment': ServiceMoment & {
    seats: number;
    totalInclVatCents: number;
    holdExpiresAt: string;
    bookingUrl: string;
  };
  'booking-confirmed': ServiceMoment & {
    seats: number;
    attendeeNames: string[];
    bookingUrl: string;
  };
  'waitlist-offer': ServiceMoment & {
    seats: number;
    totalInclVatCents: number;
    offerExpiresAt: string;
    bookingUrl: string;
  };
  'booking-cancelled': ServiceMoment & {
    /** Whether the booking had been paid or invoiced (a refund question arises only then). */
    wasConfirmed: boolean;
    refundPercent: number;
    refundCents: number;
    bookingUrl: string;
  };
  'session-cancelled': ServiceMoment & {
    reason: string | null;
    wasConfirmed: boolean;
    refundCents: number;
    bookingUrl: string;
  };
  'session-reminder': ServiceMoment & {
    seats: number;
    attendeeNames: string[];
    bookingUrl: string;
  };
  'invoice-issued': {
    kind: 'invoice' | 'credit_note';
    invoiceNumber: string;
    /** For a credit note: the invoice it corrects. */
    correctsNumber: string | null;
    totalInclVatCents: number;
    dueDate: string | null;
    /** Already settled (paid by card at booking): no payment instructions. */
    settled: boolean;
    /** A cotisation: the membership year it is for, and whether it renews a membership. */
    membership?: { year: number; renewal: boolean } | null;
    /** Null on a credit note: nobody pays it. */
    paymentReference: string | null;
    iban: string;
    bic: string;
    invoiceUrl: string;
  };
  /**
   * A public buyer's invoice or credit note goes through Chorus Pro, where it is the legal
   * document: the buyer is told where to find it, without the PDF.
   */
  'invoice-chorus-notice': {
    kind: 'invoice' | 'credit_note';
    invoiceNumber: string;
    totalInclVatCents: number;
    dueDate: string | null;
    /** SIRET of the Chorus Pro structure it is addressed to. */
    structureSiret: string;
    serviceCode: string | null;
    engagementNumber: string | null;
    invoiceUrl: string;
  };
  'payment-received': {
    invoiceNumber: string;
    amountCents: number;
    remainingCents: number;
    invoiceUrl: string;
  };
  'refund-issued': {
    offeringTitle: string;
    amountCents: number;
    /** card: back on the card or account debited; bank_transfer: a transfer from the Chambre. */
    method: 'card' | 'bank_transfer';
    bookingUrl: string;
  };
  /**
   * A renewal invoice still unpaid, some days after it was issued (the year's reminder days),
   * or the final notice before the membership lapses.
   */
  'membership-renewal-reminder': {
    year: number;
    final: boolean;
    invoiceNumber: string;
    issueDate: string;
    amountDueCents: number;
    /** Unpaid after this day, the membership lapses (non-member prices); null: no date set. */
    graceEndDate: string | null;
    paymentReference: string | null;
    iban: string;
    bic: string;
    invoiceUrl: string;
  };
  /** The grace date passed unpaid: the membership of the year ended, non-member prices apply. */
  'membership-lapsed': {
    year: number;
    membershipUrl: string;
  };
  'invoice-overdue': {
    /** Days after the due date: 7 (friendly), 15 (firm), 30 (last before formal notice). */
    stage: 7 | 15 | 30;
    invoiceNumber: string;
    dueDate: string;
    amountDueCents: number;
    paymentReference: string | null;
    iban: string;
    bic: string;
    latePaymentRate: string;
    invoiceUrl: string;
  };
  'consultant-new-booking': ServiceMoment & {
    organisationName: string;
    seats: number;
    seatsLeft: number;
    capacity: number;
    sessionUrl: string;
  };
  'consultant-attendee-list': ServiceMoment & {
    attendees: { name: string; email: string | null; organisationName: string }[];
    sessionUrl: string;
  };
  'membership-application-submitted': {
    organisationName: string;
    year: number;
    kind: 'join' | 'renewal';
    /** The family as the grid names it, in French (« association », « coopérative »…). */
    familyLabel: string;
    contactName: string;
    contactEmail: string;
    charterVersion: number;
    applicationsUrl: string;
  };
  'membership-application-approved': {
    organisationName: string;
    year: number;
    feeCents: number;
    /** Active at once (a public body on the administrative mandate): no "once paid". */
    active: boolean;
    membershipUrl: string;
  };
  'membership-application-refused': {
    organisationName: string;
    year: number;
    reason: string;
    membershipUrl: string;
  };
  /** Training (issue 21), after the session: a trainee's attestation and certificate attached. */
  'training-completion-trainee': TrainingCompletionMoment;
  'training-completion-organisation': TrainingCompletionMoment & {
    traineeName: string;
    organisationName: string;
    bookingUrl: string;
  };
  /** `actionUrl` holds the link's secret: it is added at send time (AccountLinkRef), never stored. */
  'account-email-verification': { actionUrl: string; expiresAt: string; change: boolean };
  'account-password-reset': { actionUrl: string; expiresAt: string };
  'account-registration-attempt': { signInUrl: string; resetUrl: string };
  'account-email-change-notice': { newEmail: string; securityUrl: string };
  /** surveyUrl holds the link's secret: made at send time, never stored. */
  'training-survey-invitation': SurveyInvitationData;
  /** A trainee's convocation (the PDF attached); `revised`: the session moved or changed place. */
  'training-convocation': ServiceMoment & {
    traineeName: string;
    organisationName: string | null;
    revised: boolean;
    /** Sent to the person who booked, the trainee having no address of their own: to pass on. */
    toBooker?: boolean;
    offeringUrl: string;
  };
}

/** Templates whose link is minted at send time from the account token named in their data. */
export const ACCOUNT_LINK_TEMPLATES = [
  'account-email-verification',
  'account-password-reset',
] as const;
export type AccountLinkTemplate = (typeof ACCOUNT_LINK_TEMPLATES)[number];

/** What the delivery log keeps for an account link: the token's id instead of the URL. */
export type AccountLinkParams<T extends AccountLinkTemplate> = Omit<
  TemplateData[T],
  'actionUrl'
> & {
  accountTokenId: string;
};

export type TemplateName = keyof TemplateData;

/**
 * A trainee's signing link for a half-day, mailed as it opens. The log keeps which half-day and
 * trainee; the link itself (it signs for them) is derived again when the message is sent.
 */
export interface PlannedSigningLink {
  halfDayId: string;
  attendeeId: string;
  offeringTitle: string;
  period: 'morning' | 'afternoon';
  startsAt: string;
  endsAt: string;
  /** When the link stops working (the half-day's end plus the margin). */
  closesAt: string;
  location: string | null;
  remoteUrl: string | null;
}

/**
 * The data the delivery log keeps per template: the template's own, minus what is made at
 * send time (the invitation link).
 */
export type PlannedData<T extends TemplateName> = T extends 'account-invitation'
  ? PlannedInvitation
  : T extends 'attendance-signing-link'
    ? PlannedSigningLink
    : TemplateData[T];

/** Reminders may be turned off by the recipient; every other template is transactional. */
export const REMINDER_TEMPLATES: readonly TemplateName[] = ['session-reminder'];

/** What every template is rendered with, besides its own data. */
export interface MailContext {
  locale: MailLocale;
  /** The Chambre's legal name, shown as the sender and in the footer. */
  chambreName: string;
  chambreEmail: string | null;
  /** Base URL of the web app, e.g. https://mutualis.example; links are built on it. */
  webUrl: string;
  /** Greeting name, or null for an address that belongs to no user (billing e-mail). */
  recipientName: string | null;
  /** Link to the recipient's notification settings, for reminders (null for transactional mail). */
  preferencesUrl: string | null;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}
