import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvoiceLedgerService, OpenInvoice } from '@mutualis/invoicing';
import {
  AUTO_ALLOCATE_THRESHOLD,
  MatchCandidate,
  PreparedCandidate,
  prepareCandidate,
  prepareTransaction,
  rankCandidates,
  RankedCandidate,
} from '../../matching/match-scoring';
import { AllocationService } from '../../services/allocation.service';

export interface MatchCounts {
  matched: number;
  suggested: number;
  unmatched: number;
}

type OpenTransaction = {
  id: string;
  amount_cents: string;
  allocated_cents: string;
  booking_date: string;
  counterparty_name: string | null;
  remittance_info: string | null;
  creditor_reference: string | null;
};

/** What the matcher decided for one line. */
type Decision =
  | {
      kind: 'allocate';
      allocations: { invoiceId: string | null; organisationId: string; amountCents: number }[];
    }
  | { kind: 'suggest'; suggestions: RankedCandidate[] };

/** An open invoice with the balance the run has left on it so far. */
interface Open {
  invoice: OpenInvoice;
  prepared: PreparedCandidate;
  dueCents: number;
}

/** Words of organisation names shared by more invoices than this are too common to search by. */
const MAX_INVOICES_PER_WORD = 200;
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
  ) {}

  /** Matches the given lines, or every credit not yet fully allocated. */
  async execute(transactionIds?: string[]): Promise<MatchCounts> {
    const transactions = await this.dataSource.query<OpenTransaction[]>(
      `SELECT id, amount_cents, allocated_cents, booking_date::text, counterparty_name,
              remittance_info, creditor_reference
         FROM bank_transactions
        WHERE direction = 'credit' AND status <> 'matched'
          AND ($1::uuid[] IS NULL OR id = ANY($1))
        ORDER BY booking_date, id`,
      [transactionIds ?? null],
    );
    const index = new OpenInvoiceIndex(await this.ledger.openInvoices());
    const counts: MatchCounts = { matched: 0, suggested: 0, unmatched: 0 };
    for (let start = 0; start < transactions.length; start += BATCH) {
      const batch = transactions.slice(start, start + BATCH);
      const decisions = batch.map((transaction) => ({
        transaction,
        decision: decide(transaction, index),
      }));
      await this.apply(decisions, counts);
    }
    // Debits (refunds, fees) wait for a person; count them with the rest of the unmatched.
    if (transactionIds) {
      const [{ debits }] = await this.dataSource.query<{ debits: number }[]>(
        `SELECT count(*)::int AS debits FROM bank_transactions WHERE id = ANY($1) AND direction = 'debit'`,
        [transactionIds],
      );
      counts.unmatched += debits;
    }
    return counts;
  }

  private async apply(
    decisions: { transaction: OpenTransaction; decision: Decision }[],
    counts: MatchCounts,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const ids = decisions.map(({ transaction }) => transaction.id);
      await manager.query(`DELETE FROM bank_match_suggestions WHERE transaction_id = ANY($1)`, [
        ids,
      ]);
      const suggestions = decisions.flatMap(({ transaction, decision }) =>
        decision.kind === 'suggest'
          ? decision.suggestions.map((ranked) => ({ transactionId: transaction.id, ranked }))
          : [],
      );
      if (suggestions.length > 0) {
        await manager.query(
          `INSERT INTO bank_match_suggestions (transaction_id, invoice_id, score, reasons)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::jsonb[])`,
          [
            suggestions.map((row) => row.transactionId),
            suggestions.map((row) => row.ranked.candidate.invoiceId),
            suggestions.map((row) => row.ranked.score.toFixed(3)),
            suggestions.map((row) => JSON.stringify(row.ranked.reasons)),
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
      for (const { transaction, decision } of decisions) {
        if (decision.kind === 'suggest') {
          if (decision.suggestions.length > 0) counts.suggested++;
          else counts.unmatched++;
          continue;
        }
        // Each line in a savepoint: a line that cannot be allocated (an invoice paid meanwhile)
        // is left for a person without undoing the rest of the batch.
        await manager.query('SAVEPOINT line');
        try {
          for (const allocation of decision.allocations) {
            await this.allocations.allocate(
              {
                transactionId: transaction.id,
                invoiceId: allocation.invoiceId,
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
  }

  reference(reference: string): Open | undefined {
    const open = this.byReference.get(reference);
    return open && open.dueCents > 0 ? open : undefined;
  }

  number(number: string): Open | undefined {
    const open = this.byNumber.get(number);
    return open && open.dueCents > 0 ? open : undefined;
  }

  /** Invoices owing this exact amount, or sharing a distinctive word with the payer's name. */
  candidates(amountCents: number, words: readonly string[]): Open[] {
    const found = new Set<Open>(this.byAmount.get(amountCents) ?? []);
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
    index.candidates(leftCents, prepared.payer?.tokens ?? prepared.textTokens),
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
  return { kind: 'suggest', suggestions: ranked };
}

/** Pays the invoices in order up to their balances; what is left over is the organisation's credit. */
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
