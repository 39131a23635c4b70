/**
 * ISO 11649 structured creditor reference: `RF`, two check digits, then 1 to 21 alphanumerics
 * chosen by the creditor. Banks carry it unchanged in a SEPA transfer, so a payment can be
 * matched to its invoice; the check digits catch a mistyped reference before it is sent.
 */

const BASE = /^[A-Z0-9]{1,21}$/;
const REFERENCE = /^RF(\d{2})([A-Z0-9]{1,21})$/;

/** `RF18539007547034` for the base `539007547034`; the base is uppercased. */
export function createRfReference(base: string): string {
  const normalized = base.toUpperCase();
  if (!BASE.test(normalized)) {
    throw new RangeError(
      `An RF reference base is 1 to 21 letters or digits, got ${JSON.stringify(base)}`,
    );
  }
  // ISO 7064 MOD 97-10, as for IBANs: with check digits 00 the remainder gives 98 − check.
  const check = 98 - mod97(`${normalized}RF00`);
  return `RF${String(check).padStart(2, '0')}${normalized}`;
}

/**
 * Whether a reference, typed or printed (any case, spaces anywhere, as in `RF18 5390 0754 7034`),
 * has the RF form and correct check digits.
 */
export function isValidRfReference(value: string): boolean {
  const match = REFERENCE.exec(compact(value));
  if (!match) return false;
  // 00, 01 and 99 pass MOD 97 like 97, 98 and 02 but are never issued: refuse them.
  const check = Number(match[1]);
  if (check < 2 || check > 98) return false;
  return mod97(`${match[2]}RF${match[1]}`) === 1;
}

/** Groups of four separated by spaces, as printed on invoices: `RF18 5390 0754 7034`. */
export function formatRfReference(value: string): string {
  if (!isValidRfReference(value)) {
    throw new RangeError(`Not a valid RF creditor reference: ${JSON.stringify(value)}`);
  }
  return compact(value).replace(/(.{4})(?=.)/g, '$1 ');
}

function compact(value: string): string {
  return value.replace(/ /g, '').toUpperCase();
}

/**
 * The remainder modulo 97 of the number spelt by the characters, letters counting as 10 (A) to
 * 35 (Z). Folded one digit at a time, so it never leaves small integers whatever the length.
 */
function mod97(characters: string): number {
  let remainder = 0;
  for (const character of characters) {
    for (const digit of String(parseInt(character, 36))) {
      remainder = (remainder * 10 + Number(digit)) % 97;
    }
  }
  return remainder;
}
