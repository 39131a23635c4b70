import { Injectable } from '@nestjs/common';
import { BookingPersonalDataRepository, BookingPersonalRecord } from '@mutualis/booking';
import { CataloguePersonalData, CataloguePersonalDataRepository } from '@mutualis/catalogue';
import { Clock } from '@mutualis/core';
import { IdentityPersonalData, IdentityPersonalDataRepository } from '@mutualis/identity';
import { MembershipPersonalData, MembershipPersonalDataRepository } from '@mutualis/membership';
import {
  NotificationsPersonalData,
  NotificationsPersonalDataRepository,
} from '@mutualis/notifications';
import { PrivacyErrorCode, PrivacyException } from '../../privacy.exception';

/** The document a person downloads (art. 15 and 20 GDPR): one section per context. */
export interface PersonalDataExport {
  format: 'mutualis.personal-data.v1';
  exportedAt: string;
  subject: { userId: string; email: string };
  /** Account, organisations and roles, invitations sent and received, login sessions. */
  identity: IdentityPersonalData;
  /** Bookings they made, and those in which a seat is theirs. */
  bookings: BookingPersonalRecord[];
  /** Messages addressed to them and their mail preferences (consents). */
  notifications: NotificationsPersonalData;
  /** Their consultant profile, if they have one. */
  catalogue: CataloguePersonalData;
  /** Membership applications they submitted or that name them as contact. */
  membership: MembershipPersonalData;
}

/**
 * Assembles everything the platform holds about a person from each context's own read service
 * (no context reads another's tables). Invoices are not in it: their buyer is the organisation.
 */
@Injectable()
export class ExportPersonalDataUseCase {
  constructor(
    private readonly identity: IdentityPersonalDataRepository,
    private readonly bookings: BookingPersonalDataRepository,
    private readonly notifications: NotificationsPersonalDataRepository,
    private readonly catalogue: CataloguePersonalDataRepository,
    private readonly membership: MembershipPersonalDataRepository,
    private readonly clock: Clock,
  ) {}

  async execute(userId: string): Promise<PersonalDataExport> {
    const identity = await this.identity.exportOf(userId);
    if (!identity) throw new PrivacyException(PrivacyErrorCode.UserNotFound, 'user not found');
    const email = identity.profile.email;
    const [bookings, notifications, catalogue, membership] = await Promise.all([
      this.bookings.exportOf(userId, email),
      this.notifications.exportOf(userId, email),
      this.catalogue.exportOf(userId),
      this.membership.exportOf(userId, email),
    ]);
    return {
      format: 'mutualis.personal-data.v1',
      exportedAt: this.clock.now().toISOString(),
      subject: { userId, email },
      identity,
      bookings,
      notifications,
      catalogue,
      membership,
    };
  }
}
