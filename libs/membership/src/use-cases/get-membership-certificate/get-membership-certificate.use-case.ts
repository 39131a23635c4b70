import { Injectable } from '@nestjs/common';
import { Clock, parisDate } from '@mutualis/core';
import {
  Actor,
  MembershipService,
  OrganisationAccessService,
  OrganisationDirectoryService,
} from '@mutualis/identity';
import { ChambreSettingsQuery } from '@mutualis/invoicing';
import {
  MembershipErrorCode,
  MembershipException,
  organisationNotFound,
} from '../../membership.exception';
import { renderMembershipCertificate } from '../../pdf/membership-certificate.renderer';

export interface CertificateFile {
  filename: string;
  content: Buffer;
}

/**
 * The attestation d'adhésion of an organisation for a year, made on request: only while the
 * membership of that year is active (paid, or a public body's on approval).
 */
@Injectable()
export class GetMembershipCertificateUseCase {
  constructor(
    private readonly access: OrganisationAccessService,
    private readonly memberships: MembershipService,
    private readonly organisations: OrganisationDirectoryService,
    private readonly chambre: ChambreSettingsQuery,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, organisationId: string, year: number): Promise<CertificateFile> {
    await this.access.assertCanRead(actor, organisationId);
    const membership = await this.memberships.findForYear(organisationId, year);
    if (membership?.status !== 'active') {
      throw new MembershipException(
        MembershipErrorCode.NotActive,
        `the membership of ${year} is not active: no attestation can be given`,
      ).with({ year, status: membership?.status ?? 'none' });
    }
    const [organisation, chambre] = await Promise.all([
      this.organisations.billingIdentity(organisationId),
      this.chambre.get(),
    ]);
    if (!organisation) throw organisationNotFound();
    const content = await renderMembershipCertificate({
      chambre: {
        legalName: chambre.legalName,
        addressLines: [
          chambre.addressLine1,
          ...(chambre.addressLine2 ? [chambre.addressLine2] : []),
          `${chambre.postalCode} ${chambre.city}`,
        ],
        siret: chambre.siret,
        city: chambre.city,
      },
      organisation: {
        legalName: organisation.legalName,
        siret: organisation.siret,
        rna: organisation.rna,
        addressLines: organisation.addressLines,
      },
      year,
      issuedOn: parisDate(this.clock.now()),
    });
    return { filename: `attestation-adhesion-${year}.pdf`, content };
  }
}
