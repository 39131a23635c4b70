export interface BankDetails {
  name: string;
  iban: string;
  bic: string;
}

/**
 * The Chambre's bank details as printed on the invoice (the seller snapshot); an incomplete
 * snapshot shows none rather than half of them.
 */
export function bankDetailsOf(invoice: { seller: Partial<BankDetails> }): BankDetails | null {
  const { name, iban, bic } = invoice.seller;
  if (typeof name !== 'string' || typeof iban !== 'string' || typeof bic !== 'string') return null;
  return { name, iban, bic };
}

/** An IBAN in groups of four, as banks print it. */
export function formatIban(iban: string): string {
  return iban
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})/g, '$1 ')
    .trim();
}
