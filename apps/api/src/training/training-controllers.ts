import type { Type } from '@nestjs/common';
import { ProgrammeController } from './programme.controller';

/** The training context's controllers, one per resource. */
export const trainingControllers: Type[] = [ProgrammeController];
