import { Injectable } from '@nestjs/common';
import { Actor } from '@mutualis/identity';
import { PreferenceRepository, Preferences } from '../../repositories/preference.repository';

/**
 * A user's optional e-mail. Only reminders can be turned off: invitations, confirmations,
 * cancellations, invoices, receipts and dunning letters are always sent.
 */
@Injectable()
export class NotificationPreferencesUseCase {
  constructor(private readonly preferences: PreferenceRepository) {}

  get(actor: Actor): Promise<Preferences> {
    return this.preferences.of(actor.userId);
  }

  update(actor: Actor, changes: Partial<Preferences>): Promise<Preferences> {
    return this.preferences
      .of(actor.userId)
      .then((current) => this.preferences.save(actor.userId, { ...current, ...changes }));
  }
}
