import { Injectable } from '@nestjs/common';
import { Clock, decodeCursor, Page, parisYear, toPage } from '@mutualis/core';
import { MembershipRepository } from '../../repositories/membership.repository';
import { OrganisationRepository } from '../../repositories/organisation.repository';
import { OrganisationView, presentOrganisation } from '../../views/organisation.view';

export interface ListOrganisationsQuery {
  search?: string;
  department?: string;
  limit: number;
  cursor?: string;
}

/** Every organisation, for the Chambre's staff (the route is guarded by role). */
@Injectable()
export class ListOrganisationsUseCase {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly memberships: MembershipRepository,
    private readonly clock: Clock,
  ) {}

  async execute(query: ListOrganisationsQuery): Promise<Page<OrganisationView>> {
    const rows = await this.organisations.list({
      search: query.search,
      department: query.department,
      limit: query.limit,
      after: decodeCursor(query.cursor),
    });
    const memberships = await this.memberships.mapForYear(
      rows.map((row) => row.id),
      parisYear(this.clock.now()),
    );
    return toPage(rows, query.limit, (row) =>
      presentOrganisation(row, memberships.get(row.id) ?? null),
    );
  }
}
