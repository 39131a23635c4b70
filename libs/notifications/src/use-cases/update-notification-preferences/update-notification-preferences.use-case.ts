import { Injectable } from '@nestjs/common';
import { Actor } from '@mutualis/identity';
import { PreferenceRepository, Preferences } from '../../repositories/preference.repository';

/** A user turns optional e-mail (session reminders) on or off; transactional mail is always sent. */
@Injectable()
export class UpdateNotificationPreferencesUseCase {
  constructor(private readonly preferences: PreferenceRepository) {}

  execute(actor: Actor, changes: Partial<Preferences>): Promise<Preferences> {
    return this.preferences
      .of(actor.userId)
      .then((current) => this.preferences.save(actor.userId, { ...current, ...changes }));
  }
}
