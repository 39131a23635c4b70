import type { Type } from '@nestjs/common';
import { AttendanceController } from './attendance.controller';

/** The training context's controllers, one per resource. */
export const trainingControllers: Type[] = [AttendanceController];
import { AttendanceSheetController } from './attendance-sheet.controller';

/** The training context's controllers, one per resource. */
export const trainingControllers: Type[] = [AttendanceSheetController];
import { SurveyResultsController } from './survey-results.controller';
import { SurveysController } from './surveys.controller';

/** The training context's controllers, one per resource. */
export const trainingControllers: Type[] = [SurveysController, SurveyResultsController];
import { TrainingDocumentsController } from './training-documents.controller';
import { TrainingSettingsController } from './training-settings.controller';

/** The training context's controllers, one per resource. */
export const trainingControllers: Type[] = [
  TrainingDocumentsController,
  TrainingSettingsController,
];
