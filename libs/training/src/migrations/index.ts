import type { MigrationInterface } from 'typeorm';
import { CreateTraining1796207100000 } from './1796207100000-create-training';
import { TrainingConventions1796207200000 } from './1796207200000-training-conventions';

/** The training context's tables, in timestamp order. */
export const trainingMigrations: (new () => MigrationInterface)[] = [
  CreateTraining1796207100000,
  TrainingConventions1796207200000,
];
