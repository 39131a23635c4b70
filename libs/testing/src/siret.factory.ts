import { randomInt } from 'node:crypto';

function luhnSum(digits: string): number {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[index]);
    if ((digits.length - index) % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum;
}

/** A random SIRET with a valid Luhn check digit, distinct enough for parallel tests. */
export function validSiret(): string {
  const body = `9${String(randomInt(0, 10 ** 9)).padStart(9, '0')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  for (let check = 0; check < 10; check++) {
    const candidate = `${body}${check}`;
    if (luhnSum(candidate) % 10 === 0) return candidate;
  }
  throw new Error('unreachable: one check digit always fits');
}
