/** RNA number of an association (Répertoire national des associations): `W` then 9 digits. */
export function isValidRna(value: string): boolean {
  return /^W\d{9}$/.test(value);
}

/**
 * Associations of Alsace-Moselle are registered with the local court under local law, not in
 * the RNA, so they may have no RNA number.
 */
export const LOCAL_LAW_DEPARTMENTS = new Set(['57', '67', '68']);
