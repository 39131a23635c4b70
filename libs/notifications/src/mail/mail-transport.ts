import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createTransport, Transporter } from 'nodemailer';
import { Environment } from '@mutualis/core';

export interface OutgoingMail {
  fromName: string;
  to: string;
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
  /** An iCalendar invitation, sent as text/calendar so mail clients offer to add it. */
  calendar: { method: 'PUBLISH' | 'CANCEL'; filename: string; content: string } | null;
  /** Set on optional mail, so clients show an unsubscribe action (RFC 2369). */
  listUnsubscribeUrl: string | null;
}

/** The SMTP connection (nodemailer); absent when SMTP_URL is not configured. */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter: Transporter | null;
  private readonly fromAddress: string;

  constructor(config: ConfigService<Environment, true>) {
    const url = config.get('SMTP_URL', { infer: true });
    this.fromAddress = config.get('MAIL_FROM', { infer: true });
    // Short timeouts: a stuck server fails the attempt, and BullMQ retries it later.
    this.transporter = url
      ? createTransport({
          url,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 20_000,
        })
      : null;
    if (!this.transporter) this.logger.warn('SMTP_URL is not set: e-mail is logged as skipped');
  }

  get configured(): boolean {
    return this.transporter !== null;
  }

  /** Sends one message; resolves with the server's Message-ID, throws on any SMTP error. */
  async send(mail: OutgoingMail): Promise<string> {
    if (!this.transporter) throw new Error('SMTP_URL is not configured');
    const info = (await this.transporter.sendMail({
      from: { name: mail.fromName, address: this.fromAddress },
      to: mail.to,
      replyTo: mail.replyTo ?? undefined,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      attachments: mail.attachments,
      icalEvent: mail.calendar ?? undefined,
      list: mail.listUnsubscribeUrl ? { unsubscribe: mail.listUnsubscribeUrl } : undefined,
    })) as { messageId: string; rejected?: unknown[] };
    if (info.rejected && info.rejected.length > 0) {
      throw new Error(`the server refused the recipient ${mail.to}`);
    }
    return info.messageId;
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}
