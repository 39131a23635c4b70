import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OrganisationDirectoryService } from '@mutualis/identity';
import { InvoiceLedgerService, OpenInvoice } from '@mutualis/invoicing';
import { OpenRefund, RecordPayoutUseCase, RefundInstructionsUseCase } from '@mutualis/payments';
import {
  AUTO_ALLOCATE_THRESHOLD,
  MatchCandidate,
  PreparedCandidate,
  prepareCandidate,
  prepareTransaction,
  rankCandidates,
  MatchReason,
  nameSimilarity,
} from '../../matching/match-scoring';
import { AllocationService, AutomaticLineAllocation } from '../../services/allocation.service';

export interface MatchCounts {
  matched: number;
  suggested: number;
  unmatched: number;
}

type OpenTransaction = {
  id: string;
  direction: 'credit' | 'debit';
  amount_cents: string;
  allocated_cents: string;
  booking_date: string;
  counterparty_name: string | null;
  remittance_info: string | null;
  creditor_reference: string | null;
};

interface Suggestion {
  invoiceId: string | null;
  refundId: string | null;
  score: number;
  reasons: MatchReason[];
}

interface PlannedAllocation {
  invoiceId: string | null;
  refundId?: string;
  payoutId?: string;
  /** None for a payout, which belongs to no single organisation. */
  organisationId?: string;
  amountCents: number;
}

/** What the matcher decided for one line. */
type Decision =
  | { kind: 'allocate'; allocations: PlannedAllocation[] }
  | { kind: 'suggest'; suggestions: Suggestion[] };

/** A refund instruction awaiting its transfer, with the organisation's name to compare. */
interface OpenRefundCandidate extends OpenRefund {
  organisationName: string;
  taken: boolean;
}

/** An open invoice with the balance the run has left on it so far. */
interface Open {
  invoice: OpenInvoice;
  prepared: PreparedCandidate;
  dueCents: number;
}

/** Words of organisation names shared by more invoices than this are too common to search by. */
const MAX_INVOICES_PER_WORD = 200;
/** Invoices of the exact amount considered per line, those due nearest its date. */
const AMOUNT_NEIGHBOURS = 40;
const BATCH = 200;

/**
 * Matches bank credits with open invoices: a valid RF reference of an invoice, or its number
 * in the text with an amount that fits, allocates at once (an overpayment's excess becomes the
 * organisation's credit; several numbers whose balances add up to the amount are all paid);
 * otherwise candidates chosen by amount and by words of the payer's name are scored, the best
 * kept as suggestions, and only a clear winner above the threshold is allocated. Open
 * invoices are read once and indexed, so the run grows with the number of lines, not with
 * lines × invoices.
 */
@Injectable()
export class MatchTransactionsUseCase {
  private readonly logger = new Logger(MatchTransactionsUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: InvoiceLedgerService,
    private readonly allocations: AllocationService,
    private readonly refunds: RefundInstructionsUseCase,
    private readonly organisations: OrganisationDirectoryService,
    private readonly payouts: RecordPayoutUseCase,
  ) {}

  /** Matches the given lines, or every credit not yet fully allocated. */
  async execute(transactionIds?: string[]): Promise<MatchCounts> {
    const transactions = await this.dataSource.query<OpenTransaction[]>(
      `SELECT id, direction, amount_cents, allocated_cents, booking_date::text, counterparty_name,
              remittance_info, creditor_reference
         FROM bank_transactions
        WHERE status <> 'matched'
          AND ($1::uuid[] IS NULL OR id = ANY($1))
        ORDER BY booking_date, id`,
      [transactionIds ?? null],
    );
    const index = new OpenInvoiceIndex(await this.ledger.openInvoices());
    const refunds = await this.openRefunds();
    const counts: MatchCounts = { matched: 0, suggested: 0, unmatched: 0 };
    for (let start = 0; start < transactions.length; start += BATCH) {
      const batch = transactions.slice(start, start + BATCH);
      const payouts = await this.payoutsFor(batch);
      const decisions = batch.map((transaction) => ({
        transaction,
        decision:
          transaction.direction === 'debit'
            ? decideDebit(transaction, refunds)
            : (payouts.get(transaction.id) ?? decide(transaction, index)),
      }));
      await this.apply(decisions, counts);
    }
    return counts;
  }

  /**
   * Credits from Stripe (named in the payer or the text) of exactly a payout's amount not yet
   * matched: the bank sees one amount for the whole payout.
   */
  private async payoutsFor(batch: OpenTransaction[]): Promise<Map<string, Decision>> {
    const decisions = new Map<string, Decision>();
    const fromStripe = batch.filter(
      (transaction) =>
        transaction.direction === 'credit' &&
        /stripe/i.test(
          `${transaction.counterparty_name ?? ''} ${transaction.remittance_info ?? ''}`,
        ),
    );
    if (fromStripe.length === 0) return decisions;
    // Payouts already matched, and those this batch takes, are not offered again.
    const [{ ids: matched }] = await this.dataSource.query<{ ids: string[] }[]>(
      `SELECT coalesce(array_agg(payout_id), '{}') AS ids FROM bank_allocations
        WHERE kind = 'payout' AND undone_at IS NULL`,
    );
    const chosen = new Set<string>(matched);
    for (const transaction of fromStripe) {
      const leftCents = Number(transaction.amount_cents) - Number(transaction.allocated_cents);
      const payout = (await this.payouts.byAmount(leftCents)).find(
        (candidate) => !chosen.has(candidate.payoutId),
      );
      if (!payout) continue;
      chosen.add(payout.payoutId);
      decisions.set(transaction.id, {
        kind: 'allocate',
        allocations: [
          {
            invoiceId: null,
            payoutId: payout.payoutId,
            amountCents: leftCents,
          },
        ],
      });
    }
    return decisions;
  }

  private async openRefunds(): Promise<OpenRefundCandidate[]> {
    const refunds = await this.refunds.open();
    const names = await this.organisations.legalNamesOf(
      refunds.map((refund) => refund.organisationId),
    );
    return refunds.map((refund) => ({
      ...refund,
      organisationName: names.get(refund.organisationId) ?? '',
      taken: false,
    }));
  }

  private async apply(
    decisions: { transaction: OpenTransaction; decision: Decision }[],
    counts: MatchCounts,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const ids = decisions.map(({ transaction }) => transaction.id);
      // The lines that have suggestions, each found by an index lookup (a new import has none,
      // and before its statistics exist `transaction_id = ANY(…)` would read the whole table).
      const withSuggestions = await manager.query<{ id: string }[]>(
        `SELECT line.id FROM unnest($1::uuid[]) AS line(id)
           CROSS JOIN LATERAL (SELECT 1 FROM bank_match_suggestions s
                                WHERE s.transaction_id = line.id LIMIT 1) AS found`,
        [ids],
      );
      if (withSuggestions.length > 0) {
        await manager.query(`DELETE FROM bank_match_suggestions WHERE transaction_id = ANY($1)`, [
          withSuggestions.map((row) => row.id),
        ]);
      }
      const suggestions = decisions.flatMap(({ transaction, decision }) =>
        decision.kind === 'suggest'
          ? decision.suggestions.map((suggestion) => ({
              transactionId: transaction.id,
              suggestion,
            }))
          : [],
      );
      if (suggestions.length > 0) {
        await manager.query(
          `INSERT INTO bank_match_suggestions (transaction_id, invoice_id, refund_id, score, reasons)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::numeric[], $5::jsonb[])`,
          [
            suggestions.map((row) => row.transactionId),
            suggestions.map((row) => row.suggestion.invoiceId),
            suggestions.map((row) => row.suggestion.refundId),
            suggestions.map((row) => row.suggestion.score.toFixed(3)),
            suggestions.map((row) => JSON.stringify(row.suggestion.reasons)),
          ],
        );
      }
      const suggested = decisions
        .filter(({ decision }) => decision.kind === 'suggest' && decision.suggestions.length > 0)
        .map(({ transaction }) => transaction.id);
      await manager.query(
        `UPDATE bank_transactions SET status = CASE WHEN id = ANY($2) THEN 'suggested' ELSE 'unmatched' END
          WHERE id = ANY($1) AND status <> 'matched'`,
        [ids, suggested],
      );
      const perLine: { transaction: OpenTransaction; allocations: PlannedAllocation[] }[] = [];
      const together: { transaction: OpenTransaction; allocations: AutomaticLineAllocation }[] = [];
      for (const { transaction, decision } of decisions) {
        if (decision.kind === 'suggest') {
          if (decision.suggestions.length > 0) counts.suggested++;
          else counts.unmatched++;
        } else if (
          decision.allocations.every(
            (allocation) =>
              !allocation.refundId && !allocation.payoutId && allocation.organisationId,
          )
        ) {
          together.push({
            transaction,
            allocations: {
              transactionId: transaction.id,
              allocations: decision.allocations.map((allocation) => ({
                invoiceId: allocation.invoiceId,
                organisationId: allocation.organisationId!,
                amountCents: allocation.amountCents,
              })),
            },
          });
        } else {
          perLine.push({ transaction, allocations: decision.allocations });
        }
      }
      // Invoices and credits of the whole batch in a few statements; should that fail for a
      // reason the checks did not foresee, the batch's lines are taken one by one below.
      if (together.length > 0) {
        await manager.query('SAVEPOINT lines');
        try {
          const outcomes = await this.allocations.allocateAutomatically(
            together.map((line) => line.allocations),
            manager,
          );
          await manager.query('RELEASE SAVEPOINT lines');
          together.forEach(({ transaction }, index) => {
            const refused = outcomes[index];
            if (!refused) {
              counts.matched++;
              return;
            }
            this.logger.warn(
              { transactionId: transaction.id, error: String(refused) },
              'left for a person: the automatic allocation failed',
            );
            counts.unmatched++;
          });
        } catch (error) {
          await manager.query('ROLLBACK TO SAVEPOINT lines');
          this.logger.warn(
            { lines: together.length, error: String(error) },
            'allocating the batch at once failed: allocating its lines one by one',
          );
          perLine.unshift(
            ...together.map(({ transaction, allocations }) => ({
              transaction,
              allocations: allocations.allocations,
            })),
          );
        }
      }
      for (const { transaction, allocations } of perLine) {
        // Each line in a savepoint: a line that cannot be allocated (an invoice paid meanwhile)
        // is left for a person without undoing the rest of the batch.
        await manager.query('SAVEPOINT line');
        try {
          for (const allocation of allocations) {
            await this.allocations.allocate(
              {
                transactionId: transaction.id,
                invoiceId: allocation.invoiceId,
                refundId: allocation.refundId ?? null,
                payoutId: allocation.payoutId ?? null,
                organisationId: allocation.organisationId,
                amountCents: allocation.amountCents,
                actorId: null,
              },
              manager,
            );
          }
          await manager.query('RELEASE SAVEPOINT line');
          counts.matched++;
        } catch (error) {
          await manager.query('ROLLBACK TO SAVEPOINT line');
          this.logger.warn(
            { transactionId: transaction.id, error: String(error) },
            'left for a person: the automatic allocation failed',
          );
          counts.unmatched++;
        }
      }
    });
  }
}

/** Open invoices by RF reference, number, balance due and name word; balances shrink as the run allocates. */
class OpenInvoiceIndex {
  private readonly byReference = new Map<string, Open>();
  private readonly byNumber = new Map<string, Open>();
  private readonly byAmount = new Map<number, Open[]>();
  private readonly byWord = new Map<string, Open[]>();

  constructor(invoices: OpenInvoice[]) {
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

function toCandidate(invoice: OpenInvoice, dueCents: number): MatchCandidate {
  return {
    invoiceId: invoice.invoiceId,
    invoiceNumber: invoice.number,
    organisationName: invoice.organisationName,
    amountDueCents: dueCents,
    dueDate: invoice.dueDate,
    paymentReference: invoice.paymentReference,
  };
}

function decide(transaction: OpenTransaction, index: OpenInvoiceIndex): Decision {
  const leftCents = Number(transaction.amount_cents) - Number(transaction.allocated_cents);
  const prepared = prepareTransaction({
    amountCents: leftCents,
    bookingDate: transaction.booking_date,
    payerName: transaction.counterparty_name,
    remittanceInfo: transaction.remittance_info,
    creditorReference: transaction.creditor_reference,
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
    index.candidates(
      leftCents,
      transaction.booking_date,
      prepared.payer?.tokens ?? prepared.textTokens,
    ),
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

/** Pays the invoices in order up to their balances; what is left over is the organisation's credit. */
/**
 * A debit is the transfer of a refund finance owed: a refund instruction of exactly that
 * amount, to an organisation whose name the payee resembles. One clear candidate (name at
 * least 85 % alike, no other refund of that amount) settles it; otherwise they are suggested.
 */
function decideDebit(transaction: OpenTransaction, refunds: OpenRefundCandidate[]): Decision {
  const leftCents = Number(transaction.amount_cents) - Number(transaction.allocated_cents);
  const candidates = refunds
    .filter((refund) => !refund.taken && refund.amountCents === leftCents)
    .map((refund) => {
      const similarity = transaction.counterparty_name
        ? nameSimilarity(transaction.counterparty_name, refund.organisationName)
        : 0;
      return { refund, similarity };
    })
    .sort((a, b) => b.similarity - a.similarity);
  const [best, second] = candidates;
  if (best && best.similarity >= 0.85 && !second) {
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
    suggestions: candidates.slice(0, 5).map(({ refund, similarity }) => ({
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

function payInFull(index: OpenInvoiceIndex, invoices: Open[], amountCents: number): Decision {
  const allocations: { invoiceId: string | null; organisationId: string; amountCents: number }[] =
    [];
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
