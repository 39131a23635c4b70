import type { MigrationInterface } from 'typeorm';
import { CreateTraining1796207100000 } from './1796207100000-create-training';
import { AttendanceRecords1796207300000 } from './1796207300000-attendance-records';
import { SessionCompletions1796207400000 } from './1796207400000-session-completions';
import { CreateTrainingSurveys1796207600000 } from './1796207600000-create-training-surveys';
import { TrainingConventions1796207200000 } from './1796207200000-training-conventions';

/** The training context's tables, in timestamp order. */
export const trainingMigrations: (new () => MigrationInterface)[] = [
  CreateTraining1796207100000,
  AttendanceRecords1796207300000,
  SessionCompletions1796207400000,
  CreateTrainingSurveys1796207600000,
  TrainingConventions1796207200000,
];
