import { randomInt } from 'node:crypto';
import { frenchVatNumberOf, luhnSum, sirenOf } from '@mutualis/identity';

/** A random SIRET with a valid Luhn check digit, distinct enough for parallel tests. */
export function validSiret(): string {
  const body = `9${String(randomInt(0, 10 ** 9)).padStart(9, '0')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  for (let check = 0; check < 10; check++) {
    const candidate = `${body}${check}`;
    if (luhnSum(candidate) % 10 === 0) return candidate;
  }
  throw new Error('unreachable: one check digit always fits');
}

/**
 * A La Poste establishment (SIREN 356000000) whose SIRET fails Luhn but whose digit sum is a
 * multiple of 5, like 35600000049837; random so that reruns and other files never collide.
 */
export function laPosteSiret(): string {
  for (;;) {
    const candidate = `356000000${String(randomInt(0, 100_000)).padStart(5, '0')}`;
    const digitSum = [...candidate].reduce((sum, digit) => sum + Number(digit), 0);
    if (digitSum % 5 === 0 && luhnSum(candidate) % 10 !== 0) return candidate;
  }
}

/** The intra-EU VAT number of the legal unit of a SIRET, as organisations must give it. */
export function vatNumberOf(siret: string): string {
  return frenchVatNumberOf(sirenOf(siret));
}
