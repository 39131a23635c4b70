/**
 * Reads an amount in cents from a raw SQL row. PostgreSQL returns bigint (and numeric sums) as
 * strings; an amount that is not a whole number of cents, or that would lose precision as a
 * JavaScript number, is refused instead of rounded.
 */
export function centsFromRow(value: string | number): number {
  const cents = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(cents) || (typeof value === 'string' && value.trim() === '')) {
    throw new RangeError(`${String(value)} is not a safe integer number of cents`);
  }
  return cents;
}

/** The same for a nullable column: null stays null. */
export function nullableCentsFromRow(value: string | number | null): number | null {
  return value === null ? null : centsFromRow(value);
}
