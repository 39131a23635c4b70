import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, Environment } from '@mutualis/core';
import {
  AccountLinksService,
  ContactDirectoryService,
  IssueInvitationLinkUseCase,
} from '@mutualis/identity';
import { DocumentStore } from '@mutualis/documents';
import { ChambreSettingsQuery, InvoicePdfService } from '@mutualis/invoicing';
import { AttendanceLinksService } from '@mutualis/training';
import { SurveyLinksService } from '@mutualis/training';
import { sessionCalendar } from '../../calendar/session-calendar';
import { NotificationDelivery } from '../../entities/notification-delivery.entity';
import { MailTransport, OutgoingMail } from '../../mail/mail-transport';
import { DeliveryRepository } from '../../repositories/delivery.repository';
import { PreferenceRepository } from '../../repositories/preference.repository';
import { WebLinks } from '../../services/web-links';
import { renderMail } from '../../templates/render-mail';
import type { PlannedSurveyInvitation } from '../../templates/training-survey.templates';
import {
  ACCOUNT_LINK_TEMPLATES,
  AccountLinkTemplate,
  PlannedInvitation,
  PlannedSigningLink,
  REMINDER_TEMPLATES,
  ServiceMoment,
  TemplateData,
  TemplateName,
} from '../../templates/template-data';

export interface DeliverCommand {
  deliveryId: string;
  /** This attempt's number (1 for the first) and how many there will be in all. */
  attempt: number;
  maxAttempts: number;
}

export type DeliveryOutcome = 'sent' | 'skipped' | 'not_pending';

/** Thrown after a failed attempt was logged, so the queue retries it (or gives up, logged). */
export class DeliveryAttemptFailed extends Error {
  constructor(
    readonly deliveryId: string,
    readonly final: boolean,
    cause: string,
  ) {
    super(`e-mail ${deliveryId} not sent${final ? ', giving up' : ''}: ${cause}`);
    this.name = 'DeliveryAttemptFailed';
  }
}

/**
 * Sends one logged message. The row is locked while sending, so two workers never send the
 * same message; the outcome (sent with the server's Message-ID, or the attempt's error) is
 * written in the same transaction. The message itself is never lost: a failed one stays in
 * the log with its data, and can be sent again.
 */
@Injectable()
export class DeliverNotificationUseCase {
  private readonly logger = new Logger(DeliverNotificationUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryRepository,
    private readonly preferences: PreferenceRepository,
    private readonly transport: MailTransport,
    private readonly contacts: ContactDirectoryService,
    private readonly invitationLinks: IssueInvitationLinkUseCase,
    private readonly accountLinks: AccountLinksService,
    private readonly chambre: ChambreSettingsQuery,
    private readonly pdf: InvoicePdfService,
    private readonly documents: DocumentStore,
    private readonly links: WebLinks,
    private readonly config: ConfigService<Environment, true>,
    private readonly attendanceLinks: AttendanceLinksService,
    private readonly clock: Clock,
    private readonly surveyLinks: SurveyLinksService,
  ) {}

  async execute(command: DeliverCommand): Promise<DeliveryOutcome> {
    const planned = await this.deliveries.findById(command.deliveryId);
    if (planned?.status !== 'pending') return 'not_pending';
    // Everything the message needs is read before the row is locked: inside the transaction
    // nothing may wait for a second pool connection.
    const skipReason = await this.skipReason(planned);
    const compose = skipReason
      ? null
      : await this.prepare(planned).catch((error: unknown) =>
          error instanceof Error ? error : new Error(String(error)),
        );
    const result = await this.dataSource.transaction(async (manager) => {
      const delivery = await this.deliveries.lockPending(command.deliveryId, manager);
      if (!delivery) return { outcome: 'not_pending' as const };
      const params = skipReason ? null : await this.sendTimeParams(delivery, manager);
      if (skipReason || !compose || !params) {
        const reason =
          skipReason ?? (compose ? 'its link can no longer be used' : 'nothing to send');
        await this.deliveries.markSkipped(delivery.id, reason, manager);
        return { outcome: 'skipped' as const };
      }
      const attempts = delivery.attempts + 1;
      try {
        if (compose instanceof Error) throw compose;
        const mail = compose(params);
        const messageId = await this.transport.send(mail);
        await this.deliveries.markSent(delivery.id, attempts, messageId, manager);
        return { outcome: 'sent' as const };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const final = command.attempt >= command.maxAttempts;
        await this.deliveries.markAttemptFailed(delivery.id, attempts, message, final, manager);
        return { outcome: 'failed' as const, final, message };
      }
    });
    if (result.outcome === 'failed') {
      this.logger.warn(
        { deliveryId: command.deliveryId, attempt: command.attempt, final: result.final },
        `e-mail not sent: ${result.message}`,
      );
      throw new DeliveryAttemptFailed(command.deliveryId, result.final, result.message);
    }
    return result.outcome;
  }

  private async skipReason(delivery: NotificationDelivery): Promise<string | null> {
    if (!this.transport.configured) return 'SMTP_URL is not configured';
    if (REMINDER_TEMPLATES.includes(delivery.template) && delivery.userId) {
      const preferences = await this.preferences.of(delivery.userId);
      if (!preferences.sessionReminders) return 'the recipient turned session reminders off';
    }
    return null;
  }

  /**
   * The template's data as it is sent: the planned data, plus what must not be stored — an
   * invitation's or an account message's link, whose secret is made now and only its hash
   * kept, so it exists only in the mail. Null when there is nothing to send any more (the
   * invitation closed, the link used or replaced).
   */
  private async sendTimeParams(
    delivery: NotificationDelivery,
    manager: EntityManager,
  ): Promise<TemplateData[TemplateName] | null> {
    if ((ACCOUNT_LINK_TEMPLATES as readonly string[]).includes(delivery.template)) {
      const { accountTokenId, ...params } = delivery.params as { accountTokenId: string };
      const minted = await this.accountLinks.mint(accountTokenId);
      if (!minted) return null;
      const actionUrl =
        (delivery.template as AccountLinkTemplate) === 'account-password-reset'
          ? this.links.resetPassword(minted.token)
          : this.links.verifyEmail(minted.token);
      return { ...params, actionUrl } as unknown as TemplateData[TemplateName];
    }
    if (delivery.template === 'attendance-signing-link') {
      // A trainee's signing link signs for them: derived now, never kept in the log.
      const planned = delivery.params as unknown as PlannedSigningLink;
      const signUrl = await this.attendanceLinks.sendableUrl(
        planned.halfDayId,
        planned.attendeeId,
        this.clock.now(),
        manager,
      );
      return signUrl ? { ...planned, signUrl } : null;
    }
    if (delivery.template === 'training-survey-invitation') {
      const planned = delivery.params as unknown as PlannedSurveyInvitation;
      const token = await this.surveyLinks.mint(planned.surveyInvitationId, manager);
      return token ? { ...planned, surveyUrl: this.links.survey(token) } : null;
    }
    if (delivery.template !== 'account-invitation') {
      return delivery.params as TemplateData[TemplateName];
    }
    const planned = delivery.params as unknown as PlannedInvitation;
    const token = planned.invitationId
      ? await this.invitationLinks.execute(planned.invitationId, manager)
      : null;
    return token ? { ...planned, acceptUrl: this.links.invitation(token) } : null;
  }

  /**
   * Reads everything the message needs (the Chambre, the recipient, attachments) and returns
   * what renders it from the template's data, which may only be complete at send time.
   */
  private async prepare(
    delivery: NotificationDelivery,
  ): Promise<(params: TemplateData[TemplateName]) => OutgoingMail> {
    const chambre = await this.chambre.get();
    const [user] = delivery.userId ? await this.contacts.usersByIds([delivery.userId]) : [];
    const optional = REMINDER_TEMPLATES.includes(delivery.template);
    const mail: OutgoingMail = {
      fromName: chambre.legalName,
      to: delivery.recipient,
      replyTo: chambre.email,
      subject: '',
      html: '',
      text: '',
      attachments: [],
      calendar: null,
      listUnsubscribeUrl: optional ? this.links.preferences() : null,
    };
    for (const attachment of delivery.attachments) {
      if (attachment.kind === 'invoice-pdf') {
        const document = await this.pdf.read(attachment.invoiceId);
        // Not rendered yet (or storage unreachable): fail this attempt, the retry will find it.
        if (!document)
          throw new Error(`the PDF of invoice ${attachment.invoiceId} is not available`);
        mail.attachments.push({
          filename: document.fileName,
          content: document.content,
          contentType: 'application/pdf',
        });
      } else if (attachment.kind === 'document') {
        const stored = await this.documents.read(attachment.documentId);
        if (!stored) throw new Error(`document ${attachment.documentId} is not stored`);
        mail.attachments.push({
          filename: stored.document.fileName,
          content: stored.content,
          contentType: stored.document.contentType,
        });
      } else {
        const moment = delivery.params as unknown as ServiceMoment & { bookingUrl?: string };
        mail.calendar = {
          method: attachment.method,
          filename: attachment.method === 'CANCEL' ? 'annulation.ics' : 'invitation.ics',
          content: sessionCalendar({
            uid: attachment.uid,
            sequence: attachment.sequence,
            method: attachment.method,
            title: moment.offeringTitle,
            description: [moment.offeringTitle, moment.remoteUrl, moment.bookingUrl]
              .filter(Boolean)
              .join('\n'),
            startsAt: new Date(moment.startsAt),
            endsAt: new Date(moment.endsAt),
            location: moment.location ?? moment.remoteUrl,
            url: moment.remoteUrl ?? moment.bookingUrl ?? null,
            organizer: {
              name: chambre.legalName,
              email: chambre.email ?? this.config.get('MAIL_FROM', { infer: true }),
            },
            stampedAt: delivery.createdAt,
          }),
        };
      }
    }
    return (params) => ({
      ...mail,
      ...renderMail(delivery.template, params, {
        locale: delivery.locale,
        chambreName: chambre.legalName,
        chambreEmail: chambre.email,
        webUrl: this.links.base,
        recipientName: user?.name ?? null,
        preferencesUrl: optional ? this.links.preferences() : null,
      }),
    });
  }
}
