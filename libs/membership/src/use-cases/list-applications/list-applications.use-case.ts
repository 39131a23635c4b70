import { Injectable } from '@nestjs/common';
import { decodeCursor, Page, toPage } from '@mutualis/core';
import { Actor, OrganisationAccessService, OrganisationDirectoryService } from '@mutualis/identity';
import type { ApplicationStatus } from '../../membership.types';
import { ChambreScopeRepository } from '../../repositories/chambre-scope.repository';
import {
  ApplicationRow,
  MembershipApplicationRepository,
} from '../../repositories/membership-application.repository';
import {
  MembershipApplicationView,
  presentApplication,
} from '../../views/membership-application.view';

/** Applications as their organisation sees them, and as the Chambre's queue. */
@Injectable()
export class ListApplicationsUseCase {
  constructor(
    private readonly access: OrganisationAccessService,
    private readonly organisations: OrganisationDirectoryService,
    private readonly chambre: ChambreScopeRepository,
    private readonly applications: MembershipApplicationRepository,
  ) {}

  /** An organisation's applications, newest first (its users, and staff). */
  async forOrganisation(
    actor: Actor,
    organisationId: string,
  ): Promise<MembershipApplicationView[]> {
    await this.access.assertCanRead(actor, organisationId);
    return this.present(await this.applications.listForOrganisation(organisationId));
  }

  /** Every organisation's applications, oldest first (route guarded: admins only). */
  async forChambre(query: {
    status?: ApplicationStatus;
    limit: number;
    cursor?: string;
  }): Promise<Page<MembershipApplicationView>> {
    const rows = await this.applications.listForChambre(await this.chambre.currentId(), {
      status: query.status,
      after: decodeCursor(query.cursor),
      limit: query.limit,
    });
    const names = await this.organisations.legalNamesOf(rows.map((row) => row.organisationId));
    return toPage(rows, query.limit, (row) =>
      presentApplication(row, names.get(row.organisationId) ?? ''),
    );
  }

  private async present(rows: ApplicationRow[]): Promise<MembershipApplicationView[]> {
    const names = await this.organisations.legalNamesOf(rows.map((row) => row.organisationId));
    return rows.map((row) => presentApplication(row, names.get(row.organisationId) ?? ''));
  }
}
