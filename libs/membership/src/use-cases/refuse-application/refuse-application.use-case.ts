import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, OutboxService } from '@mutualis/core';
import { Actor, OrganisationDirectoryService } from '@mutualis/identity';
import { MembershipEvents } from '../../membership.events';
import {
  applicationNotFound,
  MembershipErrorCode,
  MembershipException,
} from '../../membership.exception';
import { MembershipApplicationRepository } from '../../repositories/membership-application.repository';
import {
  MembershipApplicationView,
  presentApplication,
} from '../../views/membership-application.view';

/** The Chambre refuses an application with a reason, which the organisation is told by e-mail. */
@Injectable()
export class RefuseApplicationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: MembershipApplicationRepository,
    private readonly organisations: OrganisationDirectoryService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLog,
  ) {}

  async execute(
    actor: Actor,
    applicationId: string,
    reason: string,
  ): Promise<MembershipApplicationView> {
    const refusalReason = reason.trim();
    if (refusalReason.length === 0) {
      throw new MembershipException(
        MembershipErrorCode.InvalidApplication,
        'a refusal needs a reason',
        [{ field: 'reason', message: 'must not be blank' }],
      );
    }
    const organisationId = await this.dataSource.transaction(async (manager) => {
      const application = await this.applications.lockById(applicationId, manager);
      if (!application) throw applicationNotFound();
      if (application.status !== 'pending') {
        throw new MembershipException(
          MembershipErrorCode.ApplicationDecided,
          `the application is already ${application.status}`,
        ).with({ status: application.status });
      }
      await this.applications.decide(
        application.id,
        { status: 'refused', refusalReason, decidedBy: actor.userId },
        manager,
      );
      await this.outbox.record(manager, {
        type: MembershipEvents.ApplicationRefused,
        aggregateType: 'membership_application',
        aggregateId: application.id,
        payload: { organisationId: application.organisationId, year: application.year },
      });
      await this.audit.record(manager, {
        action: 'membership_application.refused',
        entityType: 'organisation',
        entityId: application.organisationId,
        before: { year: application.year, application: application.id, status: 'pending' },
        after: { year: application.year, application: application.id, status: 'refused' },
        reason: refusalReason,
      });
      return application.organisationId;
    });
    const [application, names] = await Promise.all([
      this.applications.findById(applicationId),
      this.organisations.legalNamesOf([organisationId]),
    ]);
    return presentApplication(application!, names.get(organisationId) ?? '');
  }
}
