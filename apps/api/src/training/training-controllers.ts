import type { Type } from '@nestjs/common';
import { SurveyResultsController } from './survey-results.controller';
import { SurveysController } from './surveys.controller';

/** The training context's controllers, one per resource. */
export const trainingControllers: Type[] = [SurveysController, SurveyResultsController];
