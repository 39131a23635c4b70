import type { Type } from '@nestjs/common';

/** The training context's controllers, one per resource. */
export const trainingControllers: Type[] = [];
