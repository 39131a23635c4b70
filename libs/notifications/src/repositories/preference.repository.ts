import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotificationPreference } from '../entities/notification-preference.entity';

export interface Preferences {
  sessionReminders: boolean;
}

const DEFAULTS: Preferences = { sessionReminders: true };

@Injectable()
export class PreferenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(userId: string): Promise<Preferences> {
    const row = await this.dataSource.manager.findOne(NotificationPreference, {
      where: { userId },
    });
    return row ? { sessionReminders: row.sessionReminders } : { ...DEFAULTS };
  }

  async save(userId: string, preferences: Preferences): Promise<Preferences> {
    await this.dataSource.manager.upsert(
      NotificationPreference,
      { userId, sessionReminders: preferences.sessionReminders },
      ['userId'],
    );
    return this.of(userId);
  }
}
