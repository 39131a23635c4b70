/**
 * The one form of an e-mail address that identity stores, looks up and rate-limits by:
 * Unicode NFKC (full-width letters, ligatures and the Kelvin sign become their plain forms),
 * then one lower-casing, then trimmed.
 *
 * The lower-casing is Unicode's simple (one code point to one code point) mapping, not
 * String#toLowerCase's full one: the full mapping turns `İ` (U+0130) into `i` + U+0307 (a
 * combining dot), so `admİn@…` would be a different string from `admin@…` while PostgreSQL's
 * lower() and mail servers treat them alike — exactly the gap that let a login flood open a
 * fresh rate-limit counter per spelling. The simple mapping also ignores the context rules of
 * the full one (a final sigma), so each character lower-cases the same wherever it stands.
 */
export function normaliseEmail(value: string): string {
  let lowered = '';
  for (const character of value.normalize('NFKC')) lowered += simpleLowerCase(character);
  return lowered.trim();
}

/**
 * Unicode's simple lowercase mapping of one code point: toLowerCase's result has one code
 * point for every character but U+0130, whose simple mapping is the first code point of its
 * full one (email-address.spec.ts checks this over the whole code space).
 */
function simpleLowerCase(character: string): string {
  return String.fromCodePoint(character.toLowerCase().codePointAt(0)!);
}
