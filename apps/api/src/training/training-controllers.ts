import type { Type } from '@nestjs/common';
import { TrainingDocumentsController } from './training-documents.controller';
import { TrainingSettingsController } from './training-settings.controller';

/** The training context's controllers, one per resource. */
export const trainingControllers: Type[] = [
  TrainingDocumentsController,
  TrainingSettingsController,
];
