import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from '@mutualis/core';

/** Pages of the web app that e-mails link to (the web app's routes must keep these paths). */
@Injectable()
export class WebLinks {
  readonly base: string;

  constructor(config: ConfigService<Environment, true>) {
    this.base = config.get('PUBLIC_WEB_URL', { infer: true }).replace(/\/+$/, '');
  }

  booking(bookingId: string): string {
    return `${this.base}/bookings/${bookingId}`;
  }

  /** The public page of an offering (a training's programme is there). */
  offering(offeringId: string): string {
    return `${this.base}/offerings/${offeringId}`;
  }

  invoice(invoiceId: string): string {
    return `${this.base}/invoices/${invoiceId}`;
  }

  invitation(token: string): string {
    return `${this.base}/invitations/${token}`;
  }

  consultantOffering(offeringId: string): string {
    return `${this.base}/consultant/offerings/${offeringId}`;
  }

  consultantSession(sessionId: string): string {
    return `${this.base}/consultant/sessions/${sessionId}`;
  }

  preferences(): string {
    return `${this.base}/account/notifications`;
  }

  /** Account links carry their secret in the query: the pages read it and post it to the api. */
  verifyEmail(token: string): string {
    return `${this.base}/verify-email?token=${encodeURIComponent(token)}`;
  }

  resetPassword(token: string): string {
    return `${this.base}/reset-password?token=${encodeURIComponent(token)}`;
  }

  signIn(): string {
    return `${this.base}/login`;
  }

  forgotPassword(): string {
    return `${this.base}/forgot-password`;
  }

  /** The organisation's membership page: status per year, invoice, certificate. */
  membership(): string {
    return `${this.base}/membership`;
  }

  /** The Chambre's queue of membership applications. */
  membershipApplications(): string {
    return `${this.base}/admin/membership`;
  }

  /** A training survey's public page: the token is the only key (no account). */
  survey(token: string): string {
    return `${this.base}/surveys/${token}`;
  }

  accountSecurity(): string {
    return `${this.base}/account/security`;
  }
}
