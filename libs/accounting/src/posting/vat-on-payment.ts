/**
 * VAT on services is due when the price is received (CGI 269-2-c), not when it is invoiced: an
 * invoice credits the VAT to a "pending" account of its rate, and each payment moves its share
 * from pending to collected. Money going back (a refund after a credit note) moves its share
 * back. The share is read from the books of the invoice as they stand before the payment, so
 * the payment that settles the invoice takes exactly what is left and the shares always add up
 * to the VAT invoiced, whatever the order of partial payments, credit notes and refunds.
 */

/** The books of one invoice (all lines carrying its lettering key) before a settlement. */
export interface InvoiceBook {
  /**
   * The customers (411) balance, debit less credit: what the member still owes on this invoice;
   * negative when the Chambre owes the member (a credit note after payment, before its refund).
   */
  dueCents: number;
  /** The pending VAT, credit less debit, by rate in basis points. */
  pendingVatCents: ReadonlyMap<number, number>;
}

/** VAT moved from pending to collected at one rate; negative when it moves back. */
export interface VatShare {
  vatRateBasisPoints: number;
  cents: number;
}

/**
 * The VAT a settlement makes due, by rate. `settledCents` is positive for money received (it
 * lowers what is due) and negative for money given back (it raises it). A settlement that
 * clears the balance takes all the pending VAT; a partial one its proportion of it, rounded
 * half-up. Money that does not go towards the balance (an overpayment, money given back while
 * the member owes) moves no VAT: there is none pending for it.
 */
export function vatShares(settledCents: number, book: InvoiceBook): VatShare[] {
  const { dueCents } = book;
  const towardsBalance = (settledCents > 0 && dueCents > 0) || (settledCents < 0 && dueCents < 0);
  if (!towardsBalance) return [];
  const clears = Math.abs(settledCents) >= Math.abs(dueCents);
  const shares: VatShare[] = [];
  for (const [rate, pending] of [...book.pendingVatCents].sort(([a], [b]) => b - a)) {
    const cents = clears ? pending : proportion(pending, settledCents, dueCents);
    if (cents !== 0) shares.push({ vatRateBasisPoints: rate, cents });
  }
  return shares;
}

/** amount × numerator / denominator in whole cents, rounded half away from zero, in integers. */
export function proportion(amount: number, numerator: number, denominator: number): number {
  if (denominator === 0) throw new RangeError('a proportion of nothing');
  const product = BigInt(amount) * BigInt(numerator);
  const divisor = BigInt(denominator);
  const negative = product < 0n !== divisor < 0n;
  const magnitude = product < 0n ? -product : product;
  const by = divisor < 0n ? -divisor : divisor;
  const rounded = (2n * magnitude + by) / (2n * by);
  return Number(negative ? -rounded : rounded);
}

/** The lines of an entry as the books of an invoice read them. */
export interface BookLine {
  account: { role: string; vatRateBasisPoints?: number };
  letteringKey?: string;
  debitCents: number;
  creditCents: number;
}

/**
 * The books of one invoice from the entries that concern it (each has a customers line with
 * the invoice's lettering key): its customers balance, and the pending VAT of those entries.
 */
export function invoiceBookOf(
  entries: readonly { lines: readonly BookLine[] }[],
  invoiceId: string,
): InvoiceBook {
  let dueCents = 0;
  const pendingVatCents = new Map<number, number>();
  for (const entry of entries) {
    const concerned = entry.lines.some(
      (line) => line.account.role === 'customers' && line.letteringKey === invoiceId,
    );
    if (!concerned) continue;
    for (const line of entry.lines) {
      if (line.account.role === 'customers' && line.letteringKey === invoiceId)
        dueCents += line.debitCents - line.creditCents;
      if (line.account.role === 'vat_pending') {
        const rate = line.account.vatRateBasisPoints ?? 0;
        pendingVatCents.set(
          rate,
          (pendingVatCents.get(rate) ?? 0) + line.creditCents - line.debitCents,
        );
      }
    }
  }
  return { dueCents, pendingVatCents };
}
