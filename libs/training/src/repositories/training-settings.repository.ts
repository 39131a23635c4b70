import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TrainingSettings } from '../entities/training-settings.entity';

export type TrainingSettingsChanges = Partial<
  Omit<TrainingSettings, 'chambreId' | 'updatedAt' | 'updatedBy'>
>;

/** The Chambre's training settings: the row of the `default` Chambre, made with defaults on first use. */
@Injectable()
export class TrainingSettingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async current(manager: EntityManager = this.dataSource.manager): Promise<TrainingSettings> {
    await manager.query(
      `INSERT INTO training_settings (chambre_id)
       SELECT id FROM chambres WHERE slug = 'default'
       ON CONFLICT (chambre_id) DO NOTHING`,
    );
    const [settings] = await manager.find(TrainingSettings, { take: 1 });
    if (!settings) throw new Error('the Chambre is not set up: run the migrations');
    return settings;
  }

  async update(
    changes: TrainingSettingsChanges,
    updatedBy: string,
    manager: EntityManager,
  ): Promise<TrainingSettings> {
    const settings = await this.current(manager);
    await manager.update(
      TrainingSettings,
      { chambreId: settings.chambreId },
      { ...changes, updatedBy },
    );
    return this.current(manager);
  }
}
