import type { Type } from '@nestjs/common';
import { AttendanceSheetController } from './attendance-sheet.controller';
import { AttendanceController } from './attendance.controller';
import { ProgrammeController } from './programme.controller';
import { SurveyResultsController } from './survey-results.controller';
import { SurveysController } from './surveys.controller';
import { TrainingDocumentsController } from './training-documents.controller';
import { TrainingSettingsController } from './training-settings.controller';

/** The training context's controllers, one per resource. */
export const trainingControllers: Type[] = [
  ProgrammeController,
  TrainingDocumentsController,
  TrainingSettingsController,
  AttendanceController,
  AttendanceSheetController,
  SurveysController,
  SurveyResultsController,
];
