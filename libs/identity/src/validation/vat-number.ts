import { sirenOf } from './siret';

/**
 * The intra-EU VAT number France gives a legal unit: FR, a two-digit key, the SIREN; the key is
 * (12 + 3 × (SIREN mod 97)) mod 97, so the number follows from the SIREN.
 */
export function frenchVatNumberOf(siren: string): string {
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${siren}`;
}

/**
 * Why `vatNumber` is not the VAT number of the legal unit of `siret`, or null when it is. Every
 * organisation the Chambre invoices, and the Chambre, is established in France: its VAT number
 * is the French one of its SIREN.
 */
export function vatNumberProblem(vatNumber: string, siret: string): string | null {
  const siren = sirenOf(siret);
  const expected = frenchVatNumberOf(siren);
  if (!/^FR[0-9]{2}[0-9]{9}$/.test(vatNumber)) {
    return `must be a French VAT number: FR, a two-digit key and the SIREN (${expected} for SIREN ${siren})`;
  }
  if (vatNumber.slice(4) !== siren) {
    return `is not the VAT number of SIREN ${siren} (the SIRET's first 9 digits): that is ${expected}`;
  }
  if (vatNumber !== expected) {
    return `has a wrong key: the VAT number of SIREN ${siren} is ${expected}`;
  }
  return null;
}
