import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@mutualis/core';
import { OrganisationDirectoryService } from '@mutualis/identity';
import { organisationNotFound } from '../../membership.exception';
import { FeeOverrideRepository } from '../../repositories/fee-override.repository';

export interface SetFeeOverrideCommand {
  organisationId: string;
  year: number;
  amountCents: number;
  reason: string;
  userId: string;
}

export interface FeeOverrideView {
  organisationId: string;
  year: number;
  amountCents: number;
  reason: string;
  setAt: string;
}

/**
 * An admin sets an organisation's fee for a year, with a reason: it wins over the grid for the
 * invoices issued from then on, and the change is audited with the amount it replaced.
 */
@Injectable()
export class SetFeeOverrideUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationDirectoryService,
    private readonly overrides: FeeOverrideRepository,
    private readonly audit: AuditLog,
  ) {}

  async execute(command: SetFeeOverrideCommand): Promise<FeeOverrideView> {
    const names = await this.organisations.legalNamesOf([command.organisationId]);
    if (!names.has(command.organisationId)) throw organisationNotFound();
    const reason = command.reason.trim();
    const override = await this.dataSource.transaction(async (manager) => {
      const { before, after } = await this.overrides.set(
        command.organisationId,
        command.year,
        command.amountCents,
        reason,
        command.userId,
        manager,
      );
      await this.audit.record(manager, {
        action: 'membership.fee-overridden',
        entityType: 'organisation',
        entityId: command.organisationId,
        before: before ? { year: before.year, amountCents: before.amountCents } : null,
        after: { year: after.year, amountCents: after.amountCents },
        reason,
      });
      return after;
    });
    return {
      organisationId: override.organisationId,
      year: override.year,
      amountCents: override.amountCents,
      reason: override.reason,
      setAt: override.setAt.toISOString(),
    };
  }
}
