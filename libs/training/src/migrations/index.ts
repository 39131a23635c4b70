import type { MigrationInterface } from 'typeorm';
import { CreateTraining1796207100000 } from './1796207100000-create-training';
import { CreateTrainingSurveys1796207600000 } from './1796207600000-create-training-surveys';

/** The training context's tables, in timestamp order. */
export const trainingMigrations: (new () => MigrationInterface)[] = [
  CreateTraining1796207100000,
  CreateTrainingSurveys1796207600000,
];
