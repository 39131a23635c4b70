import { applyDecorators } from '@nestjs/common';
import { Matches, ValidateIf } from 'class-validator';

/** An instant in ISO 8601 with its offset (`2026-12-01T09:00:00+01:00` or `…Z`), never a local time. */
export const INSTANT_PATTERN =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function IsInstant(): PropertyDecorator {
  return applyDecorators(
    Matches(INSTANT_PATTERN, {
      message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T09:00:00+01:00',
    }),
  );
}

export function IsCalendarDate(): PropertyDecorator {
  return applyDecorators(Matches(DATE_PATTERN, { message: 'must be a date YYYY-MM-DD' }));
}

export const DEPARTMENT_CODE = /^(\d{2}|2A|2B|97[1-8])$/;

/**
 * Optional in the sense of "may be left out", unlike @IsOptional(), which also lets null through
 * to the use case: for a field that is not nullable, null is a wrong value and gets a 400 (it
 * used to reach NOT NULL columns and answer 500).
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_, value: unknown) => value !== undefined);
}
