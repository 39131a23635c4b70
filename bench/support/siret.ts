/** The n-th valid SIRET (Luhn) from a base, so seeded organisations are unique and accepted. */
export function nthSiret(n: number, base = 1_000_000_000_000): string {
  const prefix = String(base + n);
  for (let check = 0; check <= 9; check++) {
    const candidate = `${prefix}${check}`;
    let sum = 0;
    for (let index = 0; index < 14; index++) {
      let digit = Number(candidate[13 - index]);
      if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable: one check digit in ten satisfies Luhn');
}
