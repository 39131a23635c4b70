/** An overseas territory, told by the beginning of its postal codes. */
export interface OverseasTerritory {
  /** Its code in INSEE's geographic code (971 … 988). */
  code: string;
  name: string;
  /** A département and région d'outre-mer (DROM), or a collectivity outside the French VAT territory. */
  kind: 'department' | 'collectivity';
}

/**
 * Postal prefixes, the longest first: Saint-Barthélemy (97133) and Saint-Martin (97150) kept
 * Guadeloupe's postal codes when they became collectivities (INSEE codes 977 and 978).
 */
const TERRITORIES: readonly (OverseasTerritory & { postalPrefix: string })[] = [
  { postalPrefix: '97133', code: '977', name: 'Saint-Barthélemy', kind: 'collectivity' },
  { postalPrefix: '97150', code: '978', name: 'Saint-Martin', kind: 'collectivity' },
  { postalPrefix: '971', code: '971', name: 'Guadeloupe', kind: 'department' },
  { postalPrefix: '972', code: '972', name: 'Martinique', kind: 'department' },
  { postalPrefix: '973', code: '973', name: 'Guyane', kind: 'department' },
  { postalPrefix: '974', code: '974', name: 'La Réunion', kind: 'department' },
  { postalPrefix: '976', code: '976', name: 'Mayotte', kind: 'department' },
  { postalPrefix: '975', code: '975', name: 'Saint-Pierre-et-Miquelon', kind: 'collectivity' },
  {
    postalPrefix: '984',
    code: '984',
    name: 'Terres australes et antarctiques françaises',
    kind: 'collectivity',
  },
  { postalPrefix: '986', code: '986', name: 'Wallis-et-Futuna', kind: 'collectivity' },
  { postalPrefix: '987', code: '987', name: 'Polynésie française', kind: 'collectivity' },
  { postalPrefix: '988', code: '988', name: 'Nouvelle-Calédonie', kind: 'collectivity' },
];

/**
 * The overseas territory of a French postal code, or null in metropolitan France (Corsica
 * included). VAT there is not metropolitan VAT: reduced rates in Guadeloupe, Martinique and La
 * Réunion (CGI art. 296), none for now in Guyane and Mayotte (art. 294), and the collectivities
 * are outside the French VAT territory altogether.
 */
export function overseasTerritoryOf(postalCode: string): OverseasTerritory | null {
  const found = TERRITORIES.find((territory) => postalCode.startsWith(territory.postalPrefix));
  return found ? { code: found.code, name: found.name, kind: found.kind } : null;
}
