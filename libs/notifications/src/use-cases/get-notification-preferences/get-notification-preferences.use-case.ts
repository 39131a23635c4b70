import { Injectable } from '@nestjs/common';
import { Actor } from '@mutualis/identity';
import { PreferenceRepository, Preferences } from '../../repositories/preference.repository';

/**
 * A user's optional e-mail. Only reminders can be turned off: invitations, confirmations,
 * cancellations, invoices, receipts and dunning letters are always sent.
 */
@Injectable()
export class GetNotificationPreferencesUseCase {
  constructor(private readonly preferences: PreferenceRepository) {}

  execute(actor: Actor): Promise<Preferences> {
    return this.preferences.of(actor.userId);
  }
}
