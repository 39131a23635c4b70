import { CoreErrorCode, CoreException } from '../errors/core.exception';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** One page of a list, as every list route answers. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Position after the last row of a page, for keyset pagination on (createdAt, id). Listed
 * tables keep created_at to the millisecond (timestamptz(3)) so a JS Date holds it exactly.
 */
export interface KeysetPosition {
  createdAt: Date;
  id: string;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString(
    'base64url',
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads a cursor a client sent back; anything we did not produce is a 400, never a 500. */
export function decodeCursor(cursor: string | undefined): KeysetPosition | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2) {
      const [createdAt, id] = decoded as unknown[];
      const date = typeof createdAt === 'string' ? new Date(createdAt) : null;
      if (date && !Number.isNaN(date.getTime()) && typeof id === 'string' && UUID.test(id)) {
        return { createdAt: date, id };
      }
    }
  } catch {
    // fall through to the problem below
  }
  throw new CoreException(CoreErrorCode.InvalidCursor, 'cursor is not one this api returned');
}

/** Builds a page from rows fetched with `limit + 1`, so the extra row tells whether more exist. */
export function toPage<Row extends KeysetPosition, Item>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
): Page<Item> {
  const hasMore = rows.length > limit;
  const shown = hasMore ? rows.slice(0, limit) : rows;
  const last = shown.at(-1);
  return {
    items: shown.map(present),
    nextCursor: hasMore && last ? encodeCursor(last) : null,
  };
}

/** An opaque cursor over any sort key: the values of the last row, in order. */
export function encodeKeyset(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Reads back a cursor of `arity` string values whose last one is a UUID; anything else is a 400. */
export function decodeKeyset(cursor: string | undefined, arity: number): string[] | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === arity &&
      decoded.every((value) => typeof value === 'string' && value.length <= 100) &&
      UUID.test(decoded[arity - 1] as string)
    ) {
      return decoded as string[];
    }
  } catch {
    // fall through to the problem below
  }
  throw new CoreException(CoreErrorCode.InvalidCursor, 'cursor is not one this api returned');
}
