import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, Clock, OutboxService } from '@mutualis/core';
import { Actor, MembershipService, OrganisationDirectoryService } from '@mutualis/identity';
import { IssueMembershipInvoiceUseCase } from '@mutualis/invoicing';
import { MembershipEvents } from '../../membership.events';
import {
  applicationNotFound,
  MembershipErrorCode,
  MembershipException,
} from '../../membership.exception';
import { ChambreScopeRepository } from '../../repositories/chambre-scope.repository';
import { FeeScheduleRepository } from '../../repositories/fee-schedule.repository';
import { MembershipApplicationRepository } from '../../repositories/membership-application.repository';
import { FeeCalculator } from '../../services/fee-calculator';
import {
  MembershipApplicationView,
  presentApplication,
} from '../../views/membership-application.view';

/**
 * The Chambre approves an application: the fee is computed (first-year fee and pro rata for a
 * join), identity records the membership of the year — pending until paid, or active at once
 * for a public body when the year's grid says so (it pays on the administrative mandate) — and
 * the membership invoice is issued by invoicing like any other invoice.
 *
 * The decision commits first, then the invoice is issued in its own transaction (invoicing's
 * numbering and PDF). If issuing fails, the application stays approved without an invoice and
 * approving it again issues it (one invoice per membership: never two).
 */
@Injectable()
export class ApproveApplicationUseCase {
  private readonly logger = new Logger(ApproveApplicationUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: MembershipApplicationRepository,
    private readonly chambre: ChambreScopeRepository,
    private readonly schedules: FeeScheduleRepository,
    private readonly fees: FeeCalculator,
    private readonly memberships: MembershipService,
    private readonly organisations: OrganisationDirectoryService,
    private readonly issueInvoice: IssueMembershipInvoiceUseCase,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, applicationId: string): Promise<MembershipApplicationView> {
    const decided = await this.dataSource.transaction(async (manager) => {
      const application = await this.applications.lockById(applicationId, manager);
      if (!application) throw applicationNotFound();
      const joining = application.kind === 'join';
      if (
        application.status === 'approved' &&
        application.invoiceId === null &&
        application.feeCents !== 0
      ) {
        // Approved, but its invoice failed to issue: this approval issues it.
        const fee = await this.fees.feeFor(
          application.organisationId,
          application.year,
          { joining, on: application.decidedAt ?? this.clock.now() },
          manager,
        );
        const membership = await this.memberships.findForYear(
          application.organisationId,
          application.year,
          manager,
        );
        return {
          application,
          membership: membership!,
          fee: { ...fee, amountCents: application.feeCents! },
        };
      }
      if (application.status !== 'pending') {
        throw new MembershipException(
          MembershipErrorCode.ApplicationDecided,
          `the application is already ${application.status}`,
        ).with({ status: application.status });
      }
      const fee = await this.fees.feeFor(
        application.organisationId,
        application.year,
        { joining, on: this.clock.now() },
        manager,
      );
      // Nothing to bill (a fee waived by an override): no invoice, active at once.
      const status =
        fee.amountCents === 0
          ? 'active'
          : await this.statusOnApproval(application.organisationId, application.year, manager);
      const membership = await this.memberships.record(
        application.organisationId,
        application.year,
        status,
        fee.amountCents,
        manager,
      );
      await this.applications.decide(
        application.id,
        { status: 'approved', feeCents: fee.amountCents, decidedBy: actor.userId },
        manager,
      );
      await this.outbox.record(manager, {
        type: MembershipEvents.ApplicationApproved,
        aggregateType: 'membership_application',
        aggregateId: application.id,
        payload: { organisationId: application.organisationId, year: application.year },
      });
      await this.audit.record(manager, {
        action: 'membership_application.approved',
        entityType: 'organisation',
        entityId: application.organisationId,
        before: { year: application.year, application: application.id, status: 'pending' },
        after: {
          year: application.year,
          application: application.id,
          status: 'approved',
          membershipStatus: membership.status,
          feeCents: fee.amountCents,
        },
      });
      return { application, membership, fee };
    });

    if (decided.fee.amountCents === 0) return this.present(decided.application.id);
    const invoiceId = await this.issueInvoice
      .execute({
        membershipId: decided.membership.id,
        organisationId: decided.application.organisationId,
        year: decided.application.year,
        description: decided.fee.description,
        amountCents: decided.fee.amountCents,
        vatTreatment: decided.fee.vatTreatment,
      })
      .then(
        (issued) => issued.invoiceId,
        (error: unknown) => {
          // The decision stands (committed, its mail on its way); the invoice waits for what
          // stopped it (the Chambre's settings, a buyer's territory) and a second approval.
          this.logger.warn(
            `application ${decided.application.id} approved, its invoice not issued: ${String(error)}`,
          );
          throw new MembershipException(
            MembershipErrorCode.InvoiceNotIssued,
            'the application is approved but its invoice could not be issued yet: approve it again once the cause is fixed',
          ).with({ applicationId: decided.application.id });
        },
      );
    await this.applications.setInvoice(decided.application.id, invoiceId);
    return this.present(decided.application.id);
  }

  private async present(applicationId: string): Promise<MembershipApplicationView> {
    const application = (await this.applications.findById(applicationId))!;
    const names = await this.organisations.legalNamesOf([application.organisationId]);
    return presentApplication(application, names.get(application.organisationId) ?? '');
  }

  /**
   * Pending until the invoice is paid; active at once for a public body when the year's grid
   * says so; never a step back for a membership already active (set by an admin before).
   */
  private async statusOnApproval(
    organisationId: string,
    year: number,
    manager: EntityManager,
  ): Promise<'pending' | 'active'> {
    const current = await this.memberships.findForYear(organisationId, year, manager);
    if (current?.status === 'active') return 'active';
    const [buyer, schedule] = await Promise.all([
      this.organisations.billingIdentity(organisationId),
      this.schedules.findForYear(await this.chambre.currentId(manager), year, manager),
    ]);
    return buyer?.isPublicBody && schedule?.publicBodiesActiveOnApproval ? 'active' : 'pending';
  }
}
