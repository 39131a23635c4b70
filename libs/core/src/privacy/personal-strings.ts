import { EntityManager } from 'typeorm';

/**
 * Helpers for erasure (art. 17 GDPR) in the columns where a person's name or e-mail may hide
 * inside free data: json payloads, stored responses, error texts. Each context scrubs its own
 * tables with them; strings shorter than 3 characters are ignored (they would match anything).
 */
function searchable(strings: readonly string[]): string[] {
  return [...new Set(strings.map((value) => value.trim()).filter((value) => value.length >= 3))];
}

/** Each string as it is spelled inside JSON text (quotes and backslashes escaped). */
function jsonSpelling(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** ILIKE patterns finding the strings in a json column read as text (`col::text ILIKE ANY($n)`). */
export function jsonTextPatterns(strings: readonly string[]): string[] {
  return searchable(strings).map((value) => `%${escapeLike(jsonSpelling(value))}%`);
}

/** ILIKE patterns finding the strings in a text column. */
export function textPatterns(strings: readonly string[]): string[] {
  return searchable(strings).map((value) => `%${escapeLike(value)}%`);
}

/**
 * Replaces, in the caller's transaction, every occurrence of the strings (any case) in a jsonb
 * column of the rows that hold one, with the placeholder; the JSON stays valid because the
 * placeholder needs no escaping. Returns the number of rows changed.
 */
export async function scrubJsonbColumn(
  manager: EntityManager,
  table: string,
  column: string,
  strings: readonly string[],
  placeholder: string,
): Promise<number> {
  const values = searchable(strings);
  if (values.length === 0) return 0;
  if (!/^[a-z0-9_.-]+$/i.test(placeholder)) throw new Error('placeholder must need no escaping');
  const regex = values.map((value) => escapeRegex(jsonSpelling(value))).join('|');
  const [, count] = await manager.query<[unknown, number]>(
    `UPDATE ${table} SET ${column} = regexp_replace(${column}::text, $1, $2, 'gi')::jsonb
      WHERE ${column}::text ILIKE ANY($3)`,
    [regex, placeholder, jsonTextPatterns(values)],
  );
  return count;
}

/** The same for a text column (an error message quoting an address). */
export async function scrubTextColumn(
  manager: EntityManager,
  table: string,
  column: string,
  strings: readonly string[],
  placeholder: string,
): Promise<number> {
  const values = searchable(strings);
  if (values.length === 0) return 0;
  const regex = values.map(escapeRegex).join('|');
  const [, count] = await manager.query<[unknown, number]>(
    `UPDATE ${table} SET ${column} = regexp_replace(${column}, $1, $2, 'gi')
      WHERE ${column} ILIKE ANY($3)`,
    [regex, placeholder, textPatterns(values)],
  );
  return count;
}
