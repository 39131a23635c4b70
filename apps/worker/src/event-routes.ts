import { EventRoutes, JobQueues, QueueName } from '@mutualis/core';
import { BookingEvents, BookingJobs } from '@mutualis/booking';
import { CatalogueEvents, CatalogueJobs } from '@mutualis/catalogue';
import { CoreJobs } from '@mutualis/core';
import { IdentityEvents, IdentityJobs } from '@mutualis/identity';
import { InvoicingEvents, InvoicingJobs } from '@mutualis/invoicing';
import { MembershipEvents, MembershipJobs } from '@mutualis/membership';
import { NotificationsJobs } from '@mutualis/notifications';
import { PaymentsEvents } from '@mutualis/payments';
import { PrivacyJobs } from '@mutualis/privacy';
import { ReconciliationEvents } from '@mutualis/reconciliation';
import { TrainingEvents, TrainingJobs } from '@mutualis/training';

const {
  Accounting,
  Booking,
  Invoicing,
  Maintenance,
  Membership,
  Notifications,
  Payments,
  Reconciliation,
  Training,
} = QueueName;

/**
 * Which queues receive each outbox event, one job per queue with the event id as job id, so a
 * relay that publishes twice (a crash between enqueue and commit) adds nothing twice. Typed over
 * the whole catalogue: a new event does not compile until its route is decided (`[]`: recorded,
 * consumed by nobody). Each (event, queue) here needs exactly one @OnEvent handler, or the worker
 * refuses to start.
 */
export const EVENT_ROUTES: EventRoutes = {
  [IdentityEvents.InvitationCreated]: [Notifications],
  // The account's own mail; the aggregate is the account token (or, for a sign-up attempt on a
  // taken address, the user), never the token's secret.
  [IdentityEvents.EmailVerificationRequested]: [Notifications],
  [IdentityEvents.EmailChangeRequested]: [Notifications],
  [IdentityEvents.PasswordResetRequested]: [Notifications],
  [IdentityEvents.RegistrationAttempted]: [Notifications],
  // The training's programme is recorded as published (training's programme.handlers.ts).
  [CatalogueEvents.OfferingPublished]: [Notifications, Training],
  [CatalogueEvents.OfferingRejected]: [Notifications],
  // Each booking on it is cancelled with its own booking.cancelled, which is what members hear.
  [CatalogueEvents.SessionCancelled]: [],
  // A moved session: its convocations are made again and sent, its half-days, end and surveys
  // follow it (training-booking.handlers.ts).
  [CatalogueEvents.SessionRescheduled]: [Training],
  [BookingEvents.Created]: [Notifications],
  [BookingEvents.Waitlisted]: [],
  // Training: what a confirmed training booking starts — convention, convocations, signing
  // links, the session's end, surveys (training-booking.handlers.ts).
  [BookingEvents.Confirmed]: [Notifications, Invoicing, Training],
  [BookingEvents.Cancelled]: [Notifications, Invoicing, Payments],
  [BookingEvents.Expired]: [],
  [BookingEvents.OfferAccepted]: [Notifications],
  [BookingEvents.AttendanceMarked]: [],
  [BookingEvents.WaitlistOffered]: [Notifications],
  [BookingEvents.WaitlistOfferExpired]: [],
  // Scheduled work, delivered at the event's deliver_at.
  [BookingEvents.HoldExpiryDue]: [Booking],
  [BookingEvents.OfferExpiryDue]: [Booking],
  // The journal posts every money fact as it happens (accounting.handlers.ts).
  // Invoicing records a document « encaissée » when a payment settles it (transmission.handlers.ts;
  // its transmission is opened by the issuing transaction itself).
  [InvoicingEvents.InvoiceIssued]: [Notifications, Accounting],
  [InvoicingEvents.CreditNoteIssued]: [Notifications, Accounting],
  // A cotisation paid in full activates its membership; a payment undone reopens it
  // (membership.handlers.ts: other invoices are skipped there).
  [InvoicingEvents.PaymentRecorded]: [Notifications, Accounting, Invoicing, Membership],
  [InvoicingEvents.PaymentReversed]: [Notifications, Accounting, Membership],
  [InvoicingEvents.CreditNoteRequested]: [Invoicing],
  [PaymentsEvents.StripeEventReceived]: [Payments],
  [PaymentsEvents.PayoutPaid]: [Payments, Accounting],
  [PaymentsEvents.Succeeded]: [Invoicing],
  [PaymentsEvents.Disputed]: [],
  [PaymentsEvents.LateRefunded]: [Accounting],
  [PaymentsEvents.Refunded]: [Notifications, Accounting],
  [PaymentsEvents.FeeRecorded]: [Accounting],
  // Mail both ways: the Chambre's admins hear of an application, its contact of the decision.
  [MembershipEvents.ApplicationSubmitted]: [Notifications],
  [MembershipEvents.ApplicationApproved]: [Notifications],
  [MembershipEvents.ApplicationRefused]: [Notifications],
  [ReconciliationEvents.StatementUploaded]: [Reconciliation],
  [ReconciliationEvents.AllocationMade]: [Accounting],
  [ReconciliationEvents.AllocationUndone]: [Accounting],
  // A launch or a retry: the membership queue splits the pending items into batch jobs.
  [MembershipEvents.CampaignLaunched]: [Membership],
  // The organisation is told its membership ended and non-member prices now apply.
  [MembershipEvents.Lapsed]: [Notifications],
  // The worker applies an import in batches (member-import.handlers.ts).
  [MembershipEvents.ImportStarted]: [Membership],
  // The training body (issue 21). The organisation's admins receive the convention to sign.
  [TrainingEvents.ConventionIssued]: [Notifications],
  [TrainingEvents.ConventionSigned]: [],
  // The reminder is mailed, and the next one planned while the convention stays unsigned.
  [TrainingEvents.ConventionReminderDue]: [Training, Notifications],
  // A booking's convocations are made when due, and each trainee is mailed theirs.
  [TrainingEvents.ConvocationDue]: [Training],
  [TrainingEvents.ConvocationIssued]: [Notifications],
  // Each trainee is mailed their signing link as the half-day opens.
  [TrainingEvents.HalfDayOpening]: [Notifications],
  // The attendance sheet, attestations and certificates are made at the session's end.
  [TrainingEvents.SessionEnded]: [Training],
  // Each trainee and the organisation receive the attestation and the certificate.
  [TrainingEvents.CompletionDocumentsIssued]: [Notifications],
  // Notifications invites the session's trainees (and, cold, organisations) and mails the links.
  [TrainingEvents.SurveyDue]: [Notifications],
};

/** The queue that carries each job that is not an event; each needs exactly one @OnJob handler. */
export const JOB_QUEUES: JobQueues = {
  [CoreJobs.PurgeDeliveredRecords]: Maintenance,
  [IdentityJobs.PurgeExpiredCredentials]: Maintenance,
  [CatalogueJobs.CompletePastSessions]: Maintenance,
  [PrivacyJobs.PurgeExpiredPersonalData]: Maintenance,
  [BookingJobs.SweepExpired]: Booking,
  [InvoicingJobs.RenderMissingPdfs]: Invoicing,
  [InvoicingJobs.AdvanceTransmission]: Invoicing,
  [InvoicingJobs.ResumeTransmissions]: Invoicing,
  [NotificationsJobs.Deliver]: Notifications,
  [NotificationsJobs.SessionReminder]: Notifications,
  [NotificationsJobs.InvoiceOverdue]: Notifications,
  [NotificationsJobs.AttendeeLists]: Notifications,
  [NotificationsJobs.RequeueStale]: Notifications,
  [NotificationsJobs.RebuildSchedules]: Notifications,
  [NotificationsJobs.RenewalReminder]: Notifications,
  [MembershipJobs.IssueCampaignBatch]: Membership,
  [MembershipJobs.LapseUnpaid]: Membership,
  [TrainingJobs.CompleteEndedSessions]: Training,
};
