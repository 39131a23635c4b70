import type { ApplicationKind, ApplicationStatus, MemberFamily } from '../membership.types';
import type { ApplicationRow } from '../repositories/membership-application.repository';

export interface MembershipApplicationView {
  id: string;
  organisationId: string;
  organisationName: string;
  year: number;
  kind: ApplicationKind;
  family: MemberFamily;
  headcount: number | null;
  annualBudgetCents: number | null;
  contactName: string;
  contactEmail: string;
  charterVersion: number;
  status: ApplicationStatus;
  refusalReason: string | null;
  feeCents: number | null;
  invoiceId: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export function presentApplication(
  application: ApplicationRow,
  organisationName: string,
): MembershipApplicationView {
  return {
    id: application.id,
    organisationId: application.organisationId,
    organisationName,
    year: application.year,
    kind: application.kind,
    family: application.family,
    headcount: application.headcount,
    annualBudgetCents: application.annualBudgetCents,
    contactName: application.contactName,
    contactEmail: application.contactEmail,
    charterVersion: application.charterVersion,
    status: application.status,
    refusalReason: application.refusalReason,
    feeCents: application.feeCents,
    invoiceId: application.invoiceId,
    createdAt: application.createdAt.toISOString(),
    decidedAt: application.decidedAt?.toISOString() ?? null,
  };
}
