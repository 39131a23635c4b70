/**
 * Lettering of a customer's account: the lines that share a lettering key (the invoice they
 * settle) are lettered together once they net to zero, and the lettering ends when they stop.
 */

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The code of an auxiliary account's n-th lettering (from 0): AA…ZZ, then AAA…ZZZ. Codes are
 * never reused, so a code read in an old export names one lettering only.
 */
export function letteringCode(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`bad index ${index}`);
  let width = 2;
  let rest = index;
  while (rest >= LETTERS.length ** width) {
    rest -= LETTERS.length ** width;
    width += 1;
  }
  if (width > 3) throw new RangeError('no lettering code left for this account');
  let code = '';
  for (let position = 0; position < width; position += 1) {
    code = LETTERS[rest % LETTERS.length] + code;
    rest = Math.floor(rest / LETTERS.length);
  }
  return code;
}

export interface LetterableLine {
  id: string;
  debitCents: number;
  creditCents: number;
  entryDate: string;
}

export interface LiveLettering {
  id: string;
  lineIds: string[];
}

export interface LetteringDecision {
  /** The lettering that no longer holds, to end. */
  end: string | null;
  /** The group to letter now, with DateLet: the latest entry date among its lines. */
  letter: { lineIds: string[]; date: string } | null;
}

/**
 * What to do with a key's lines: letter them when they net to zero (and something moved: a
 * group of zero lines only is not a settlement), end the live lettering when they do not, or
 * when the group it lettered has grown (a payment and its reversal both added) end it and
 * letter the whole group again.
 */
export function decideLettering(
  lines: readonly LetterableLine[],
  live: LiveLettering | null,
): LetteringDecision {
  const balance = lines.reduce((sum, line) => sum + line.debitCents - line.creditCents, 0);
  const moved = lines.some((line) => line.debitCents > 0 || line.creditCents > 0);
  const settled = balance === 0 && moved;
  const ids = lines.map((line) => line.id).sort();
  if (live && settled && sameIds(ids, live.lineIds)) return { end: null, letter: null };
  return {
    end: live ? live.id : null,
    letter: settled
      ? {
          lineIds: ids,
          date: lines
            .map((line) => line.entryDate)
            .sort()
            .at(-1)!,
        }
      : null,
  };
}

/**
 * Whether a key's lines, as they stood before a post, can have a live lettering: only when they
 * netted to zero with something moved (every post re-decides its keys under the account's lock,
 * so a lettering lives exactly while its group is settled). A post that adds to an open group
 * need not look for one.
 */
export function mayBeLettered(linesBefore: readonly LetterableLine[]): boolean {
  const balance = linesBefore.reduce((sum, line) => sum + line.debitCents - line.creditCents, 0);
  return balance === 0 && linesBefore.some((line) => line.debitCents > 0 || line.creditCents > 0);
}

function sameIds(sorted: readonly string[], other: readonly string[]): boolean {
  if (sorted.length !== other.length) return false;
  const second = [...other].sort();
  return sorted.every((id, index) => id === second[index]);
}

/**
 * The auxiliary account of an organisation under 411: `C` and the first 12 hex digits of its id,
 * stable for its whole life whatever its name becomes. 48 bits: among 100,000 organisations the
 * chance that two share one is about 2 in 100,000.
 */
export function auxiliaryNumber(organisationId: string): string {
  return `C${organisationId.replace(/-/g, '').slice(0, 12).toUpperCase()}`;
}
