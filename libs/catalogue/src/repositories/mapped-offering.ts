import { Offering } from '../entities/offering.entity';

/**
 * The offering TypeORM mapped onto a row by innerJoinAndMapOne, taken off the row (which stays
 * the entity instance it was); null when there was no row.
 */
export function takeMappedOffering<T>(
  row: (T & { offering?: Offering }) | null,
): { row: T; offering: Offering } | null {
  if (!row?.offering) return null;
  const { offering } = row;
  delete row.offering;
  return { row, offering };
}
