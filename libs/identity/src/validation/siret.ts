const LA_POSTE_SIREN = '356000000';

/** Luhn sum of a digit string: a valid SIRET's is a multiple of 10. */
export function luhnSum(digits: string): number {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[index]);
    // Double every second digit counting from the right (the check digit is not doubled).
    if ((digits.length - index) % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum;
}

/**
 * A SIRET identifies an establishment: 14 digits whose Luhn sum is a multiple of 10, except
 * La Poste's establishments (SIREN 356000000), numbered so the plain digit sum is a multiple of 5.
 */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (luhnSum(value) % 10 === 0) return true;
  if (value.startsWith(LA_POSTE_SIREN)) {
    const digitSum = [...value].reduce((sum, digit) => sum + Number(digit), 0);
    return digitSum % 5 === 0;
  }
  return false;
}

/**
 * A SIREN identifies a legal unit: 9 digits whose Luhn sum is a multiple of 10. La Poste's
 * (356000000) passes too: its exception is in the SIRETs of its establishments.
 */
export function isValidSiren(value: string): boolean {
  return /^\d{9}$/.test(value) && luhnSum(value) % 10 === 0;
}

/** The SIREN (legal unit) of an establishment's SIRET. */
export function sirenOf(siret: string): string {
  return siret.slice(0, 9);
}

/** People type SIRETs with spaces ("123 456 789 00012"); we store digits only. */
export function normaliseSiret(value: string): string {
  return value.replace(/[\s.]/g, '');
}
