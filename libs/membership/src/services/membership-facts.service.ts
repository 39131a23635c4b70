import { Injectable } from '@nestjs/common';
import type { ApplicationKind, ApplicationStatus, MemberFamily } from '../membership.types';
import { MembershipApplicationRepository } from '../repositories/membership-application.repository';

/** What the notifications context writes about an application (its mails both ways). */
export interface ApplicationNoticeFacts {
  applicationId: string;
  organisationId: string;
  year: number;
  kind: ApplicationKind;
  family: MemberFamily;
  status: ApplicationStatus;
  contactName: string;
  contactEmail: string;
  submittedBy: string;
  charterVersion: number;
  refusalReason: string | null;
  feeCents: number | null;
  invoiceId: string | null;
}

/** The read service other contexts use instead of membership's entities and repositories. */
@Injectable()
export class MembershipFactsService {
  constructor(private readonly applications: MembershipApplicationRepository) {}

  async application(applicationId: string): Promise<ApplicationNoticeFacts | null> {
    const application = await this.applications.findById(applicationId);
    if (!application) return null;
    return {
      applicationId: application.id,
      organisationId: application.organisationId,
      year: application.year,
      kind: application.kind,
      family: application.family,
      status: application.status,
      contactName: application.contactName,
      contactEmail: application.contactEmail,
      submittedBy: application.submittedBy,
      charterVersion: application.charterVersion,
      refusalReason: application.refusalReason,
      feeCents: application.feeCents,
      invoiceId: application.invoiceId,
    };
  }
}
