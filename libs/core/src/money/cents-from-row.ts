/**
 * An amount in cents as a raw SQL row gives it: PostgreSQL sends bigint (and sums) as text.
 * Amounts stay far below 2^53, so they are read as numbers; anything that is not a safe
 * integer (a fraction, an overflow, garbage) is refused rather than silently rounded.
 */
export function centsFromRow(value: string | number): number {
  const cents = typeof value === 'number' ? value : Number(value);
  if (
    (typeof value === 'string' && !/^-?\d+$/.test(value.trim())) ||
    !Number.isSafeInteger(cents)
  ) {
    throw new RangeError(`an amount in cents must be a safe integer, got ${String(value)}`);
  }
  return cents;
}

/** centsFromRow for a column that may be NULL. */
export function nullableCentsFromRow(value: string | number | null | undefined): number | null {
  return value === null || value === undefined ? null : centsFromRow(value);
}
