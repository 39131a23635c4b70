import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@mutualis/core';
import { Actor, MembershipRollService } from '@mutualis/identity';
import { MembershipInvoicesQuery, RequestCreditNoteUseCase } from '@mutualis/invoicing';
import { MembershipErrorCode, MembershipException } from '../../membership.exception';
import { CancellationRepository } from '../../repositories/cancellation.repository';
import { ChambreScopeRepository } from '../../repositories/chambre-scope.repository';

export interface CancelMembershipCommand {
  actor: Actor;
  organisationId: string;
  year: number;
  reason: string;
}

export interface CancellationView {
  organisationId: string;
  year: number;
  status: 'cancelled';
  reason: string;
  /** The credit note of what the membership invoice still asked for (issued by the worker). */
  creditNoteId: string | null;
  creditedCents: number;
  cancelledAt: string;
}

/**
 * An organisation leaves: its membership of the year becomes `cancelled` (never deleted) and
 * what its invoice still asks for is credited through invoicing's own credit-note path. The
 * campaign's item stays as it was (the invoice was issued). Cancelling again answers the same
 * cancellation: the membership row is locked to decide, and one claim, once, asks for the credit
 * note.
 */
@Injectable()
export class CancelMembershipUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roll: MembershipRollService,
    private readonly invoices: MembershipInvoicesQuery,
    private readonly requestCreditNote: RequestCreditNoteUseCase,
    private readonly cancellations: CancellationRepository,
    private readonly chambre: ChambreScopeRepository,
    private readonly audit: AuditLog,
  ) {}

  async execute(command: CancelMembershipCommand): Promise<CancellationView> {
    const chambreId = await this.chambre.currentId();
    const membershipId = await this.dataSource.transaction(async (manager) => {
      const membership = await this.roll.lockForYear(command.organisationId, command.year, manager);
      if (!membership) {
        throw new MembershipException(
          MembershipErrorCode.MembershipNotFound,
          `the organisation has no membership of ${command.year}`,
        );
      }
      if (membership.status !== 'cancelled') {
        const invoice = await this.invoices.ofMembership(membership.id);
        await this.roll.cancel(command.organisationId, command.year, manager);
        await this.cancellations.insertIfAbsent(
          {
            membershipId: membership.id,
            chambreId,
            organisationId: command.organisationId,
            year: command.year,
            reason: command.reason,
            invoiceId: invoice?.invoiceId ?? null,
            cancelledBy: command.actor.userId,
          },
          manager,
        );
        await this.audit.record(manager, {
          action: 'membership.cancelled',
          entityType: 'membership',
          entityId: membership.id,
          before: { status: membership.status },
          after: { status: 'cancelled' },
          reason: command.reason,
        });
      } else {
        // Cancelled by hand earlier (PUT …/memberships/:year): this records why, once.
        await this.cancellations.insertIfAbsent(
          {
            membershipId: membership.id,
            chambreId,
            organisationId: command.organisationId,
            year: command.year,
            reason: command.reason,
            invoiceId: (await this.invoices.ofMembership(membership.id))?.invoiceId ?? null,
            cancelledBy: command.actor.userId,
          },
          manager,
        );
      }
      return membership.id;
    });

    if (await this.cancellations.claimCredit(membershipId)) {
      await this.creditWhatIsDue(command, membershipId);
    }
    const cancellation = (await this.cancellations.find(membershipId))!;
    return {
      organisationId: cancellation.organisationId,
      year: cancellation.year,
      status: 'cancelled',
      reason: cancellation.reason,
      creditNoteId: cancellation.creditNoteId,
      creditedCents: cancellation.creditedCents,
      cancelledAt: cancellation.cancelledAt.toISOString(),
    };
  }

  /** What the invoice still asks for is credited; what was paid stays paid (a refund is finance's). */
  private async creditWhatIsDue(command: CancelMembershipCommand, membershipId: string) {
    try {
      const invoice = await this.invoices.ofMembership(membershipId);
      const amountCents = invoice
        ? Math.min(invoice.amountDueCents, invoice.amountLeftToCreditCents)
        : 0;
      if (!invoice || amountCents <= 0 || invoice.status === 'draft') {
        await this.cancellations.recordCredit(membershipId, null, 0);
        return;
      }
      const creditNote = await this.requestCreditNote.execute({
        actor: command.actor,
        invoiceId: invoice.invoiceId,
        amountCents,
        reason: `Annulation de l’adhésion ${command.year} : ${command.reason}`,
      });
      await this.cancellations.recordCredit(membershipId, creditNote.id, amountCents);
    } catch (error) {
      await this.cancellations.releaseCredit(membershipId);
      throw error;
    }
  }
}
