import type { Type } from '@nestjs/common';
import { AttendanceSheetController } from './attendance-sheet.controller';

/** The training context's controllers, one per resource. */
export const trainingControllers: Type[] = [AttendanceSheetController];
