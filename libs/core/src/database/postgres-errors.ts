import { QueryFailedError } from 'typeorm';

interface PostgresError {
  code?: string;
  constraint?: string;
}

function driverError(error: unknown): PostgresError | null {
  if (error instanceof QueryFailedError) return error.driverError as PostgresError;
  return null;
}

/** True when a query failed on a unique constraint (optionally: this one). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = driverError(error);
  return cause?.code === '23505' && (constraint === undefined || cause.constraint === constraint);
}

/** True when a query failed on a CHECK constraint (optionally: this one). */
export function isCheckViolation(error: unknown, constraint?: string): boolean {
  const cause = driverError(error);
  return cause?.code === '23514' && (constraint === undefined || cause.constraint === constraint);
}
