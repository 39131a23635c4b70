/**
 * The matcher's decision for one bank line, without a database: which open invoice, refund
 * instruction or Stripe payout it settles, or which candidates to suggest with their scores and
 * reasons. The caller loads the open items, asks for decisions line by line (an index's balances
 * shrink as decisions take from them, so a run never pays an invoice twice) and persists them.
 */
import {
  AUTO_ALLOCATE_THRESHOLD,
  MatchCandidate,
  MatchReason,
  PreparedCandidate,
  nameSimilarity,
  prepareCandidate,
  prepareTransaction,
  rankCandidates,
} from './match-scoring';

/** What the matcher reads of a bank line not fully allocated. */
export interface BankLineToMatch {
  direction: 'credit' | 'debit';
  amountCents: number;
  allocatedCents: number;
  bookingDate: string;
  counterpartyName: string | null;
  remittanceInfo: string | null;
  creditorReference: string | null;
}

/** An issued invoice with a balance due, as invoicing's ledger answers it. */
export interface InvoiceToMatch {
  invoiceId: string;
  number: string;
  organisationId: string;
  organisationName: string;
  amountDueCents: number;
  dueDate: string;
  paymentReference: string;
}

/** A refund instruction awaiting its transfer, with the organisation's name to compare. */
export interface RefundToMatch {
  refundId: string;
  organisationId: string;
  organisationName: string;
  amountCents: number;
  /** Set once a debit of the run settles it. */
  taken: boolean;
}

export interface MatchSuggestion {
  invoiceId: string | null;
  refundId: string | null;
  score: number;
  reasons: MatchReason[];
}

export interface PlannedAllocation {
  invoiceId: string | null;
  refundId?: string;
  payoutId?: string;
  /** None for a payout, which belongs to no single organisation. */
  organisationId?: string;
  amountCents: number;
}

/** What the matcher decided for one line. */
export type MatchDecision =
  | { kind: 'allocate'; allocations: PlannedAllocation[] }
  | { kind: 'suggest'; suggestions: MatchSuggestion[] };

/** A debit settles a refund alone from this payee-name similarity up. */
export const REFUND_NAME_SIMILARITY = 0.85;
/** Refund instructions suggested for a debit, at most. */
const REFUND_SUGGESTIONS = 5;
/** Words of organisation names shared by more invoices than this are too common to search by. */
const MAX_INVOICES_PER_WORD = 200;
/** Invoices of the exact amount considered per line, those due nearest its date. */
const AMOUNT_NEIGHBOURS = 40;

/** What is left to allocate of a line. */
export function leftToAllocate(line: BankLineToMatch): number {
  return line.amountCents - line.allocatedCents;
}

/** A credit from Stripe (named as the payer or in the text) may be a payout. */
export function mayBeStripePayout(line: BankLineToMatch): boolean {
  return (
    line.direction === 'credit' &&
    /stripe/i.test(`${line.counterpartyName ?? ''} ${line.remittanceInfo ?? ''}`)
  );
}

/** An open invoice with the balance the run has left on it so far. */
interface Open {
  invoice: InvoiceToMatch;
  prepared: PreparedCandidate;
  dueCents: number;
}

/** Open invoices by RF reference, number, balance due and name word; balances shrink as the run allocates. */
export class OpenInvoiceIndex {
  private readonly byReference = new Map<string, Open>();
  private readonly byNumber = new Map<string, Open>();
  private readonly byAmount = new Map<number, Open[]>();
  private readonly byWord = new Map<string, Open[]>();

  constructor(invoices: readonly InvoiceToMatch[]) {
    for (const invoice of invoices) {
      const open: Open = {
        invoice,
        prepared: prepareCandidate(toCandidate(invoice, invoice.amountDueCents)),
        dueCents: invoice.amountDueCents,
      };
      this.byReference.set(invoice.paymentReference.replace(/\s+/g, '').toUpperCase(), open);
      this.byNumber.set(invoice.number, open);
      push(this.byAmount, invoice.amountDueCents, open);
      for (const word of open.prepared.name.tokens) push(this.byWord, word, open);
    }
    for (const bucket of this.byAmount.values()) {
      bucket.sort((a, b) =>
        a.invoice.dueDate < b.invoice.dueDate ? -1 : a.invoice.dueDate > b.invoice.dueDate ? 1 : 0,
      );
    }
  }

  reference(reference: string): Open | undefined {
    const open = this.byReference.get(reference);
    return open && open.dueCents > 0 ? open : undefined;
  }

  number(number: string): Open | undefined {
    const open = this.byNumber.get(number);
    return open && open.dueCents > 0 ? open : undefined;
  }

  /**
   * Invoices owing this exact amount and due nearest the booking date (prices repeat: a common
   * amount is owed by thousands of invoices, and taking them all would make the run grow with
   * lines × invoices), and those sharing a distinctive word with the payer's name.
   */
  candidates(amountCents: number, bookingDate: string, words: readonly string[]): Open[] {
    const found = new Set<Open>(
      nearestByDueDate(this.byAmount.get(amountCents) ?? [], bookingDate),
    );
    for (const word of words) {
      const sharing = this.byWord.get(word);
      if (sharing && sharing.length <= MAX_INVOICES_PER_WORD)
        for (const open of sharing) found.add(open);
    }
    return [...found].filter((open) => open.dueCents > 0);
  }

  /** Takes an allocation off an invoice's balance for the rest of the run. */
  take(open: Open, amountCents: number): void {
    open.dueCents -= amountCents;
    if (open.dueCents !== open.prepared.candidate.amountDueCents) {
      open.prepared = prepareCandidate(toCandidate(open.invoice, open.dueCents));
    }
  }
}

/**
 * A credit: a valid RF reference of an open invoice, or its number in the text with an amount
 * that fits, pays it at once (an overpayment's excess becomes the organisation's credit;
 * several numbers whose balances add up to the amount are all paid); otherwise candidates by
 * amount and by words of the payer's name are ranked, and only a clear winner above the
 * threshold is allocated, the others suggested.
 */
export function decideCredit(line: BankLineToMatch, index: OpenInvoiceIndex): MatchDecision {
  const leftCents = leftToAllocate(line);
  const prepared = prepareTransaction({
    amountCents: leftCents,
    bookingDate: line.bookingDate,
    payerName: line.counterpartyName,
    remittanceInfo: line.remittanceInfo,
    creditorReference: line.creditorReference,
  });

  // A valid RF reference names the invoice for certain.
  for (const reference of prepared.rfReferences) {
    const open = index.reference(reference);
    if (open) return payInFull(index, [open], leftCents);
  }

  // Invoice numbers in the text: paid when the amount fits them.
  const numbered = prepared.invoiceNumbers
    .map((number) => index.number(number))
    .filter((open): open is Open => open !== undefined);
  if (numbered.length === 1 && leftCents <= numbered[0].dueCents) {
    return payInFull(index, numbered, leftCents);
  }
  if (numbered.length > 1 && numbered.reduce((sum, open) => sum + open.dueCents, 0) === leftCents) {
    return payInFull(index, numbered, leftCents);
  }

  const candidates = new Set(
    index.candidates(leftCents, line.bookingDate, prepared.payer?.tokens ?? prepared.textTokens),
  );
  for (const open of numbered) candidates.add(open);
  const byCandidate = new Map([...candidates].map((open) => [open.prepared, open]));
  const ranked = rankCandidates(prepared, [...byCandidate.keys()]);
  const [best, second] = ranked;
  // Only a clear winner is allocated without a person; two good candidates are a question.
  if (
    best &&
    best.score >= AUTO_ALLOCATE_THRESHOLD &&
    (!second || second.score < AUTO_ALLOCATE_THRESHOLD)
  ) {
    const open = [...byCandidate.values()].find(
      (item) => item.invoice.invoiceId === best.candidate.invoiceId,
    )!;
    return payInFull(index, [open], leftCents);
  }
  return {
    kind: 'suggest',
    suggestions: ranked.map((candidate) => ({
      invoiceId: candidate.candidate.invoiceId,
      refundId: null,
      score: candidate.score,
      reasons: candidate.reasons,
    })),
  };
}

/**
 * A debit is the transfer of a refund finance owed: a refund instruction of exactly that
 * amount, to an organisation whose name the payee resembles. One clear candidate (name at
 * least 85 % alike, no other refund of that amount) settles it, and is taken for the rest of
 * the run; otherwise they are suggested.
 */
export function decideDebit(line: BankLineToMatch, refunds: RefundToMatch[]): MatchDecision {
  const leftCents = leftToAllocate(line);
  const candidates = refunds
    .filter((refund) => !refund.taken && refund.amountCents === leftCents)
    .map((refund) => {
      const similarity = line.counterpartyName
        ? nameSimilarity(line.counterpartyName, refund.organisationName)
        : 0;
      return { refund, similarity };
    })
    .sort((a, b) => b.similarity - a.similarity);
  const [best, second] = candidates;
  if (best && best.similarity >= REFUND_NAME_SIMILARITY && !second) {
    best.refund.taken = true;
    return {
      kind: 'allocate',
      allocations: [
        {
          invoiceId: null,
          refundId: best.refund.refundId,
          organisationId: best.refund.organisationId,
          amountCents: leftCents,
        },
      ],
    };
  }
  return {
    kind: 'suggest',
    suggestions: candidates.slice(0, REFUND_SUGGESTIONS).map(({ refund, similarity }) => ({
      invoiceId: null,
      refundId: refund.refundId,
      score: Math.round((0.5 + 0.4 * similarity) * 1000) / 1000,
      reasons: [
        { code: 'amount_exact' },
        {
          code: 'payer_name',
          similarity: Math.floor(similarity * 100) / 100,
          organisationName: refund.organisationName,
        },
      ],
    })),
  };
}

/**
 * A credit from Stripe is the payout of exactly what is left of it: the first of the payouts of
 * that amount (in arrival order) that no allocation nor earlier line of the run took. The one
 * chosen is added to `taken`. Undefined when none is left: the line is matched as any credit.
 */
export function decidePayout(
  line: BankLineToMatch,
  payoutIdsOfAmount: readonly string[],
  taken: Set<string>,
): MatchDecision | undefined {
  const payoutId = payoutIdsOfAmount.find((candidate) => !taken.has(candidate));
  if (payoutId === undefined) return undefined;
  taken.add(payoutId);
  return {
    kind: 'allocate',
    allocations: [{ invoiceId: null, payoutId, amountCents: leftToAllocate(line) }],
  };
}

/** Pays the invoices in order up to their balances; what is left over is the organisation's credit. */
function payInFull(index: OpenInvoiceIndex, invoices: Open[], amountCents: number): MatchDecision {
  const allocations: PlannedAllocation[] = [];
  let left = amountCents;
  for (const open of invoices) {
    const paid = Math.min(left, open.dueCents);
    if (paid <= 0) continue;
    allocations.push({
      invoiceId: open.invoice.invoiceId,
      organisationId: open.invoice.organisationId,
      amountCents: paid,
    });
    index.take(open, paid);
    left -= paid;
  }
  if (left > 0) {
    allocations.push({
      invoiceId: null,
      organisationId: invoices[0].invoice.organisationId,
      amountCents: left,
    });
  }
  return { kind: 'allocate', allocations };
}

/** At most AMOUNT_NEIGHBOURS open invoices of a due-date-sorted bucket, nearest the date first. */
function nearestByDueDate(bucket: Open[], date: string): Open[] {
  let low = 0;
  let high = bucket.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (bucket[middle].invoice.dueDate < date) low = middle + 1;
    else high = middle;
  }
  const nearest: Open[] = [];
  let before = low - 1;
  let after = low;
  while (nearest.length < AMOUNT_NEIGHBOURS && (before >= 0 || after < bucket.length)) {
    const takeAfter =
      before < 0 ||
      (after < bucket.length &&
        daysBetween(bucket[after].invoice.dueDate, date) <=
          daysBetween(date, bucket[before].invoice.dueDate));
    const open = takeAfter ? bucket[after++] : bucket[before--];
    if (open.dueCents > 0) nearest.push(open);
  }
  return nearest;
}

function daysBetween(later: string, earlier: string): number {
  return (Date.parse(later) - Date.parse(earlier)) / 86_400_000;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function toCandidate(invoice: InvoiceToMatch, dueCents: number): MatchCandidate {
  return {
    invoiceId: invoice.invoiceId,
    invoiceNumber: invoice.number,
    organisationName: invoice.organisationName,
    amountDueCents: dueCents,
    dueDate: invoice.dueDate,
    paymentReference: invoice.paymentReference,
  };
}
