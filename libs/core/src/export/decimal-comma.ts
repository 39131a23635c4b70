/**
 * `1234,50`: an amount in cents as French accounting files and spreadsheets read it (decimal
 * comma, two decimals, no thousands separator; `-12,30` below zero). Used by the FEC layout and
 * the CSV exports.
 */
export function decimalCommaAmount(cents: number): string {
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(`An amount must be a whole number of cents, got ${cents}`);
  }
  const magnitude = Math.abs(cents);
  const sign = cents < 0 ? '-' : '';
  return `${sign}${Math.floor(magnitude / 100)},${String(magnitude % 100).padStart(2, '0')}`;
}
