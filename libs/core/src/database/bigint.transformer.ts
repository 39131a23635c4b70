import { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL returns bigint as a string; amounts in cents stay far below 2^53, so they are
 * read as numbers, and a value that would lose precision is refused instead of rounded.
 */
export const bigintToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null): number | null => {
    if (value === null || value === undefined) return null;
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) {
      throw new RangeError(`bigint value ${value} is beyond the safe integer range`);
    }
    return parsed;
  },
};
