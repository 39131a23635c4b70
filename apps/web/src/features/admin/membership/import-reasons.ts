/**
 * The import's refusal reasons come from the api in English (libs/membership's
 * member-import-file); an admin reading French sees them in French when we know their shape,
 * else as the api wrote them. Each pattern keeps the quoted value (« … ») the admin must fix.
 */
const REASONS: [RegExp, string][] = [
  [/^duplicate of line (\d+)$/, 'duplicate'],
  [/^neither SIRET nor RNA number$/, 'noIdentifier'],
  [/^invalid SIRET « (.*) »/, 'invalidSiret'],
  [/^invalid RNA number « (.*) »/, 'invalidRna'],
  [/^no legal name/, 'noLegalName'],
  [/^legal name longer than/, 'legalNameTooLong'],
  [/^unknown legal form « (.*) »$/, 'unknownLegalForm'],
  [/^an RNA number belongs to associations only$/, 'rnaNotAssociation'],
  [/^no address$/, 'noAddress'],
  [/^address longer than/, 'addressTooLong'],
  [/^invalid postal code « (.*) »$/, 'invalidPostalCode'],
  [/^no city$/, 'noCity'],
  [/^city longer than/, 'cityTooLong'],
  [/^an association needs its RNA number$/, 'associationNeedsRna'],
  [/^invalid contact e-mail « (.*) »$/, 'invalidEmail'],
  [/^invalid amount « (.*) »/, 'invalidAmount'],
  [/^no cotisation for the years paid$/, 'noFee'],
  [/^invalid year « (.*) »/, 'invalidYear'],
];

/** The key under `membership:admin.import.reason` and the value it quotes, or null if unknown. */
export function reasonKey(reason: string): { key: string; value: string } | null {
  for (const [pattern, key] of REASONS) {
    const match = pattern.exec(reason);
    if (match) return { key, value: match[1] ?? '' };
  }
  return null;
}
