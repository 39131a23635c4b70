import { AttendanceMark } from './attendance-mark.entity';
import { HalfDay } from './half-day.entity';
import { TrainingDocument } from './training-document.entity';
import { TrainingSettings } from './training-settings.entity';

export * from './attendance-mark.entity';
export * from './half-day.entity';
export * from './training-document.entity';
export * from './training-settings.entity';

export const trainingEntities = [TrainingSettings, TrainingDocument, HalfDay, AttendanceMark];
