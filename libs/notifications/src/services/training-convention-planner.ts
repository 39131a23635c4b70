import { Injectable } from '@nestjs/common';
import { BookingFactsService } from '@mutualis/booking';
import { Clock } from '@mutualis/core';
import { ContactDirectoryService } from '@mutualis/identity';
import {
  ConventionState,
  TrainingConventionsService,
  TrainingSettingsService,
} from '@mutualis/training';
import { PlannedDelivery } from '../repositories/delivery.repository';
import { deliveryTo } from './notification-planner';
import { WebLinks } from './web-links';

/**
 * Who hears of a booking's convention: the organisation's administrators (they sign it), with
 * the version to sign attached. Nothing once the booking is no longer confirmed, nor (for a
 * reminder) once the organisation signed or the session began.
 */
@Injectable()
export class TrainingConventionPlanner {
  constructor(
    private readonly conventions: TrainingConventionsService,
    private readonly settings: TrainingSettingsService,
    private readonly bookings: BookingFactsService,
    private readonly contacts: ContactDirectoryService,
    private readonly links: WebLinks,
    private readonly clock: Clock,
  ) {}

  async issued(key: string, bookingId: string, documentId: string): Promise<PlannedDelivery[]> {
    const state = await this.conventions.state(bookingId);
    if (!state || state.signatures.some((signature) => signature.party === 'organisation')) {
      return [];
    }
    return this.plan(key, bookingId, state, documentId, 'training-convention-issued');
  }

  async reminder(key: string, bookingId: string): Promise<PlannedDelivery[]> {
    const state = await this.conventions.awaitsOrganisation(bookingId, this.clock.now());
    if (!state) return [];
    return this.plan(key, bookingId, state, state.latestDocumentId, 'training-convention-reminder');
  }

  private async plan(
    key: string,
    bookingId: string,
    state: ConventionState,
    documentId: string,
    template: 'training-convention-issued' | 'training-convention-reminder',
  ): Promise<PlannedDelivery[]> {
    const [booking, convention, settings, signers] = await Promise.all([
      this.bookings.forNotice(bookingId),
      this.conventions.terms(bookingId),
      this.settings.get(),
      this.conventions.organisationSigners(state.organisationId),
    ]);
    if (!booking || !convention || booking.status !== 'confirmed') return [];
    const { terms } = convention;
    const document = documentId === state.latestDocumentId ? state : null;
    const params = {
      offeringTitle: terms.training.title,
      startsAt: booking.serviceStartsAt.toISOString(),
      endsAt: booking.serviceEndsAt.toISOString(),
      location: booking.location,
      remoteUrl: booking.remoteUrl,
      organisationName: terms.organisation.legalName,
      kind: terms.kind,
      reference: terms.reference,
      totalInclVatCents: terms.price.totalInclVatCents,
      traineeNames: terms.trainees,
      sha256: document?.latestSha256 ?? state.latestSha256,
      bookingUrl: this.links.booking(bookingId),
      required: settings.requireSignedConvention,
    };
    return (await this.contacts.usersByIds(signers)).map((contact) =>
      deliveryTo(key, contact, template, params, [
        { kind: 'document', documentId: state.latestDocumentId },
      ]),
    );
  }
}
