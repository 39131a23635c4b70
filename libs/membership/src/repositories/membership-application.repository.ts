import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetPosition } from '@mutualis/core';
import { MembershipApplication } from '../entities/membership-application.entity';
import type { ApplicationStatus } from '../membership.types';

export type NewApplication = Pick<
  MembershipApplication,
  | 'chambreId'
  | 'organisationId'
  | 'year'
  | 'kind'
  | 'family'
  | 'headcount'
  | 'annualBudgetCents'
  | 'contactName'
  | 'contactEmail'
  | 'charterId'
  | 'charterAcceptedAt'
  | 'submittedBy'
>;

/** An application with the version of the charter it accepted. */
export type ApplicationRow = MembershipApplication & { charterVersion: number };

export const ONE_PENDING_INDEX = 'membership_applications_one_pending';

@Injectable()
export class MembershipApplicationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts a pending application; a second pending one for the year fails on ONE_PENDING_INDEX. */
  async insert(application: NewApplication, manager: EntityManager): Promise<string> {
    const result = await manager.insert(MembershipApplication, {
      ...application,
      status: 'pending',
    });
    return (result.identifiers[0] as { id: string }).id;
  }

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ApplicationRow | null> {
    const application = await manager.findOne(MembershipApplication, { where: { id } });
    return application ? (await this.withCharterVersions([application], manager))[0] : null;
  }

  /** The application locked until the transaction ends: one decision at a time. */
  lockById(id: string, manager: EntityManager): Promise<MembershipApplication | null> {
    return manager.findOne(MembershipApplication, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async decide(
    id: string,
    decision:
      | { status: 'approved'; feeCents: number; decidedBy: string }
      | { status: 'refused'; refusalReason: string; decidedBy: string },
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(MembershipApplication, { id }, { ...decision, decidedAt: new Date() });
  }

  async setInvoice(id: string, invoiceId: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).update(MembershipApplication, { id }, { invoiceId });
  }

  /** An organisation's applications, newest first. */
  async listForOrganisation(organisationId: string): Promise<ApplicationRow[]> {
    const rows = await this.dataSource.manager.find(MembershipApplication, {
      where: { organisationId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return this.withCharterVersions(rows, this.dataSource.manager);
  }

  /** The Chambre's applications, oldest first (a queue), optionally of one status. */
  async listForChambre(
    chambreId: string,
    query: { status?: ApplicationStatus; after: KeysetPosition | null; limit: number },
  ): Promise<ApplicationRow[]> {
    const builder = this.dataSource.manager
      .createQueryBuilder(MembershipApplication, 'application')
      .where('application.chambreId = :chambreId', { chambreId })
      .orderBy('application.createdAt', 'ASC')
      .addOrderBy('application.id', 'ASC')
      .limit(query.limit + 1);
    if (query.status) builder.andWhere('application.status = :status', { status: query.status });
    if (query.after) {
      builder.andWhere('(application.createdAt, application.id) > (:createdAt, :id)', {
        createdAt: query.after.createdAt,
        id: query.after.id,
      });
    }
    return this.withCharterVersions(await builder.getMany(), this.dataSource.manager);
  }

  /** Whether the organisation ever had an approved application (a join, then renewals). */
  async everApproved(organisationId: string, manager: EntityManager): Promise<boolean> {
    const [row] = await manager.query<{ found: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM membership_applications
                       WHERE organisation_id = $1 AND status = 'approved') AS found`,
      [organisationId],
    );
    return row.found;
  }

  private async withCharterVersions(
    applications: MembershipApplication[],
    manager: EntityManager,
  ): Promise<ApplicationRow[]> {
    const ids = [...new Set(applications.map((application) => application.charterId))];
    if (ids.length === 0) return [];
    const rows = await manager.query<{ id: string; version: number }[]>(
      `SELECT id, version FROM membership_charters WHERE id = ANY($1)`,
      [ids],
    );
    const versions = new Map(rows.map((row) => [row.id, row.version]));
    return applications.map((application) =>
      Object.assign(application, { charterVersion: versions.get(application.charterId)! }),
    );
  }
}
