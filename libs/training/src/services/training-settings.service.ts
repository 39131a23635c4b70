import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TrainingSettings } from '../entities/training-settings.entity';
import { TrainingSettingsRepository } from '../repositories/training-settings.repository';

/** How the Chambre runs its trainings (convocation delay, survey delay, signatory…). */
@Injectable()
export class TrainingSettingsService {
  constructor(private readonly settings: TrainingSettingsRepository) {}

  get(manager?: EntityManager): Promise<TrainingSettings> {
    return this.settings.current(manager);
  }
}
