/**
 * Comparing the payer name a bank hands over ("VIR SEPA ASSOC LES JARDINS PARTAGES DU PAN") with
 * an organisation's legal name ("Les Jardins Partagés du Panier"). Banks uppercase, strip
 * accents, truncate, and add or drop legal forms; members write their name as they please.
 */

/**
 * Words that say what kind of body an organisation is, or merely link words, rather than which
 * one it is: banks and members add or omit them freely, so they are dropped everywhere.
 * Multi-word forms (`sarl scop`, `sa scop`) are covered by their single words. `arl` is the
 * legal form of `SCOP ARL` (société coopérative ouvrière de production à responsabilité limitée).
 */
export const NAME_NOISE_WORDS: ReadonlySet<string> = new Set([
  // legal forms of the social and solidarity economy and of companies
  'association',
  'asso',
  'assoc',
  'scop',
  'scic',
  'arl',
  'sas',
  'sasu',
  'sarl',
  'sa',
  'eurl',
  'cooperative',
  'coop',
  'mutuelle',
  'mut',
  'fondation',
  'fond',
  'federation',
  'union',
  'ste',
  'societe',
  'cie',
  // link words
  'et',
  'de',
  'du',
  'des',
  'la',
  'le',
  'les',
  'l',
  'd',
  'au',
  'aux',
  'en',
  'pour',
  'sur',
]);

/**
 * What banks put in front of the payer in the name or label field (`VIR SEPA RECU DE MME …`).
 * Dropped only as a leading run: inside a name they may be part of it. `vir sepa` is covered by
 * its words; `inst` comes from instant transfers (`VIR INST`).
 */
export const PAYER_PREFIX_WORDS: ReadonlySet<string> = new Set([
  'vir',
  'virement',
  'sepa',
  'inst',
  'recu',
  'de',
  'mr',
  'mme',
  'm',
]);

/** A name reduced once to what the hot path compares: tokens and trigram codes, both sorted. */
export interface PreparedName {
  /** The normalised name, words in their original order. */
  readonly normalised: string;
  /** Distinct words in the singular (see singular), sorted, for a merge-based intersection. */
  readonly tokens: readonly string[];
  /**
   * Distinct trigram codes of the normalised name run together (as written, not singular, so
   * "JARDINSPARTAGES" still reads as "jardins partages"), padded at both ends, sorted.
   */
  readonly trigrams: Uint16Array;
}

/** Lower case, no accents, `&` as `et`, letters and digits only, dotted acronyms joined. */
function words(name: string): string[] {
  const folded = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    // NFD leaves the French ligatures whole: « Œuvre », « Cœur ».
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/&/g, ' et ')
    // `S.C.O.P.` must read as `scop`, not four one-letter words.
    .replace(/\b([a-z])\.(?=[a-z]\b)/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return folded === '' ? [] : folded.split(' ');
}

/**
 * The comparable form of a name: see NAME_NOISE_WORDS and PAYER_PREFIX_WORDS. When every word
 * is noise ("Union des Coopératives" has `cooperatives`, but "Asso Union" has nothing left), the
 * words are kept rather than compare empty names.
 */
export function normaliseName(name: string): string {
  const all = words(name);
  let start = 0;
  while (start < all.length && PAYER_PREFIX_WORDS.has(all[start])) start++;
  const named = all.slice(start);
  const kept = named.filter((word) => !NAME_NOISE_WORDS.has(word));
  return (kept.length > 0 ? kept : named).join(' ');
}

// Trigram alphabet: 0-9, a-z, and a padding mark, so each trigram fits a 16-bit code (37³ < 2¹⁶).
const PAD = 36;
const RADIX = 37;

function symbol(code: number): number {
  return code <= 57 ? code - 48 : code - 87; // '0'..'9' then 'a'..'z'
}

function trigramCodes(normalised: string): Uint16Array {
  const joined = normalised.replace(/ /g, '');
  if (joined === '') return new Uint16Array(0);
  const symbols = [PAD];
  for (let index = 0; index < joined.length; index++)
    symbols.push(symbol(joined.charCodeAt(index)));
  symbols.push(PAD);
  const codes = new Uint16Array(symbols.length - 2);
  for (let index = 0; index < codes.length; index++) {
    codes[index] = symbols[index] * RADIX * RADIX + symbols[index + 1] * RADIX + symbols[index + 2];
  }
  codes.sort();
  return unique(codes);
}

function unique(sorted: Uint16Array): Uint16Array {
  let length = 0;
  for (let index = 0; index < sorted.length; index++) {
    if (index === 0 || sorted[index] !== sorted[index - 1]) sorted[length++] = sorted[index];
  }
  return sorted.slice(0, length);
}

/**
 * A crude French singular, for comparison only: "Jardin Partagé" and "Jardins Partagés" are the
 * same name. A final s or x goes from words of four letters or more; both sides are treated
 * alike, so "relais" → "relai" is harmless.
 */
function singular(word: string): string {
  return word.length > 3 && /[sx]$/.test(word) ? word.slice(0, -1) : word;
}

export function prepareName(name: string): PreparedName {
  const normalised = normaliseName(name);
  const tokens = normalised === '' ? [] : [...new Set(normalised.split(' ').map(singular))];
  return { normalised, tokens: tokens.sort(), trigrams: trigramCodes(normalised) };
}

/**
 * How many values two sorted, duplicate-free sequences share, without allocating. Two copies,
 * one per element type, so each stays monomorphic: a shared generic one ran twice as slowly.
 */
function sharedTokens(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return common;
}

function sharedCodes(a: Uint16Array, b: Uint16Array): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return common;
}

/**
 * Similarity in [0, 1] of two prepared names, symmetric.
 *
 * - Words: the mean of Dice (2·shared / total) and the overlap coefficient (shared / smaller
 *   set). Dice alone punishes a name that contains the other ("Relais" in "Relais Emmaüs
 *   Provence"), overlap alone would rate that a certainty; the mean gives 0.75.
 * - Trigrams: Dice over the trigrams of the name without spaces, which survives what words do
 *   not: truncation by the bank ("PARTAG"), typos, plural/singular, words run together.
 *
 * The result is the larger of the two: each fails on different inputs, and both stay low for
 * unrelated names (shared trigrams of two random names are few).
 */
export function preparedNameSimilarity(a: PreparedName, b: PreparedName): number {
  if (a.tokens.length === 0 || b.tokens.length === 0) return 0;
  if (a.normalised === b.normalised) return 1;
  const common = sharedTokens(a.tokens, b.tokens);
  const dice = (2 * common) / (a.tokens.length + b.tokens.length);
  const overlap = common / Math.min(a.tokens.length, b.tokens.length);
  const wordScore = (dice + overlap) / 2;
  const trigramTotal = a.trigrams.length + b.trigrams.length;
  const trigramScore =
    trigramTotal === 0 ? 0 : (2 * sharedCodes(a.trigrams, b.trigrams)) / trigramTotal;
  return Math.max(wordScore, trigramScore);
}

/** Similarity in [0, 1] of two raw names; see preparedNameSimilarity. */
export function nameSimilarity(a: string, b: string): number {
  return preparedNameSimilarity(prepareName(a), prepareName(b));
}

/** Share of the name's words found among the text's words (both sorted, distinct). */
export function nameCoverage(name: PreparedName, textTokens: readonly string[]): number {
  if (name.tokens.length === 0) return 0;
  return sharedTokens(name.tokens, textTokens) / name.tokens.length;
}
