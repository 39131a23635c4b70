import { createHash } from 'node:crypto';
import type { ParsedTransaction } from '../parsers/statement-types';

/**
 * A key that recognises a bank line in any later file: re-importing a statement, or importing
 * one that overlaps the previous period, must add nothing. With the bank's own reference the
 * key is that reference (on that account, for that amount); without one (most CSV exports)
 * it is the line's content plus its rank among identical lines of the same file, so two
 * genuinely identical payments on one day stay two, and stay two when imported again.
 */
export function withDedupeKeys<T extends ParsedTransaction>(
  transactions: T[],
): (T & { dedupeKey: string })[] {
  const seen = new Map<string, number>();
  return transactions.map((transaction) => {
    const account = transaction.accountIban ?? '';
    const amount = `${transaction.direction}:${transaction.amountCents}`;
    let basis: string;
    if (transaction.bankReference) {
      basis = ['ref', account, transaction.bankReference, amount].join('|');
    } else {
      const content = [
        'line',
        account,
        transaction.bookingDate,
        amount,
        (transaction.remittanceInfo ?? '').replace(/\s+/g, ' ').trim().toLowerCase(),
        transaction.counterpartyIban ?? '',
        transaction.creditorReference ?? '',
      ].join('|');
      const rank = (seen.get(content) ?? 0) + 1;
      seen.set(content, rank);
      basis = `${content}|${rank}`;
    }
    return { ...transaction, dedupeKey: createHash('sha256').update(basis).digest('hex') };
  });
}
