import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BookingPersonalDataRepository } from '@mutualis/booking';
import { CataloguePersonalDataRepository } from '@mutualis/catalogue';
import { AuditLog, CorePersonalDataRepository } from '@mutualis/core';
import { IdentityPersonalDataRepository, OrphanedOrganisation } from '@mutualis/identity';
import { MembershipPersonalDataRepository } from '@mutualis/membership';
import { NotificationsPersonalDataRepository } from '@mutualis/notifications';
import { PaymentsPersonalDataRepository } from '@mutualis/payments';
import { PrivacyErrorCode, PrivacyException } from '../../privacy.exception';

export interface ErasePersonalDataCommand {
  /** Whose data is erased. */
  userId: string;
  /** Who asks: the person themself (then `password` is required) or a Chambre admin on request. */
  requestedBy: { userId: string; as: 'self' | 'admin' };
  password?: string;
  /** The caller knows these organisations will be left without an admin, and goes on. */
  confirmOrphanedOrganisations?: boolean;
}

export interface ErasureReport {
  userId: string;
  orphanedOrganisations: OrphanedOrganisation[];
  /** Rows changed per context, for the log. */
  changed: Record<string, number>;
}

/** Replaces names and e-mails in free data (payloads, stored responses): never identifying. */
const PLACEHOLDER = 'erased';

/**
 * Erasure (art. 17 GDPR): in one transaction, each context anonymises what it holds about the
 * person, through its own service; adding a context's data to erasure is one call here. Issued
 * invoices and the accounting records are left alone: their buyer is the organisation, and the
 * law keeps them 10 years (docs/personal-data.md says what stays and why).
 *
 * The last admin of an organisation cannot leave it orphaned silently: without
 * `confirmOrphanedOrganisations` the erasure is refused with the organisations named (409), so
 * the person can hand over first; with it they go on, and the Chambre's admins give the
 * organisation a new admin (an invitation) when it asks.
 */
@Injectable()
export class ErasePersonalDataUseCase {
  private readonly logger = new Logger(ErasePersonalDataUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityPersonalDataRepository,
    private readonly bookings: BookingPersonalDataRepository,
    private readonly notifications: NotificationsPersonalDataRepository,
    private readonly payments: PaymentsPersonalDataRepository,
    private readonly catalogue: CataloguePersonalDataRepository,
    private readonly membership: MembershipPersonalDataRepository,
    private readonly core: CorePersonalDataRepository,
    private readonly audit: AuditLog,
  ) {}

  async execute(command: ErasePersonalDataCommand): Promise<ErasureReport> {
    const erasable = await this.identity.isErasable(command.userId);
    if (erasable === null) {
      throw new PrivacyException(PrivacyErrorCode.UserNotFound, 'user not found');
    }
    if (!erasable) {
      throw new PrivacyException(PrivacyErrorCode.AlreadyErased, 'this account is already erased');
    }
    if (command.requestedBy.as === 'self') {
      const matches = await this.identity.passwordMatches(command.userId, command.password ?? '');
      if (!matches) {
        throw new PrivacyException(
          PrivacyErrorCode.PasswordMismatch,
          'the password is not this account’s: nothing was erased',
        );
      }
    }

    const report = await this.dataSource.transaction(async (manager) => {
      if (await this.identity.isLastPlatformAdmin(manager, command.userId)) {
        throw new PrivacyException(
          PrivacyErrorCode.LastPlatformAdmin,
          'this is the last Chambre admin: make someone else an admin before erasing this account',
        );
      }
      const orphaned = await this.identity.orphanedBy(command.userId, manager);
      if (orphaned.length > 0 && command.confirmOrphanedOrganisations !== true) {
        throw new PrivacyException(
          PrivacyErrorCode.OrphanedOrganisations,
          `erasing this account leaves ${orphaned.map((o) => `"${o.legalName}"`).join(', ')} without an admin: name another admin first, or confirm with confirmOrphanedOrganisations`,
          [
            {
              field: 'confirmOrphanedOrganisations',
              message: 'must be true to leave these organisations without an admin',
            },
          ],
          { organisations: orphaned },
        );
      }
      const erased = await this.identity.erase(manager, command.userId);
      if (!erased) {
        throw new PrivacyException(
          PrivacyErrorCode.AlreadyErased,
          'this account is already erased',
        );
      }
      const strings = [erased.email, erased.name];
      // One call per context that holds personal data; each scrubs only its own tables.
      const attendees = await this.bookings.eraseAttendee(manager, erased.email);
      const deliveries = await this.notifications.erase(
        manager,
        erased.userId,
        erased.email,
        strings,
      );
      const payments = await this.payments.erase(manager, strings, PLACEHOLDER);
      const profiles = await this.catalogue.erase(manager, erased.userId);
      const membershipContacts = await this.membership.erase(manager, erased.email);
      const core = await this.core.erase(manager, strings, PLACEHOLDER);
      // Who erased whom and which organisations were left without an admin: ids only, never
      // the erased name or e-mail (the actor comes from the request's audit context).
      await this.audit.record(manager, {
        action: 'user.erased',
        entityType: 'user',
        entityId: erased.userId,
        before: null,
        after: { erased: true },
        reason: command.requestedBy.as === 'self' ? 'request by the user' : 'admin on request',
        context: { orphanedOrganisationIds: orphaned.map((organisation) => organisation.id) },
      });
      return {
        userId: erased.userId,
        orphanedOrganisations: orphaned,
        changed: {
          attendees,
          deliveries,
          stripeEvents: payments.stripeEvents,
          payments: payments.payments,
          consultantProfiles: profiles,
          membershipContacts,
          outboxEvents: core.events,
          idempotencyKeys: core.idempotencyKeys,
        },
      };
    });
    this.logger.log(
      { userId: report.userId, by: command.requestedBy, ...report.changed },
      'erased personal data',
    );
    return report;
  }
}
