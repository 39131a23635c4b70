import { Injectable } from '@nestjs/common';
import { ChambreSettingsQuery, InvoiceLedgerService, LedgerDocument } from '@mutualis/invoicing';
import { StripeFeesService } from '@mutualis/payments';
import { AllocationLedgerService } from '../../services/allocation-ledger.service';
import { FecEntry, FecLine, fecFileName, writeFec } from '../../export/fec';
import { ExportFile } from '../../views/export-file';

/** The accounts the Chambre's books use (plan comptable général). */
export const ACCOUNTS = {
  customers: { number: '411000', label: 'Clients' },
  revenue: { number: '706000', label: 'Prestations de services' },
  vat: { number: '445710', label: 'TVA collectée' },
  bank: { number: '512000', label: 'Banque' },
  stripe: { number: '467100', label: 'Stripe (encaissements à recevoir)' },
  fees: { number: '627000', label: 'Services bancaires et assimilés' },
} as const;

const JOURNALS = {
  sales: { code: 'VT', label: 'Ventes' },
  bank: { code: 'BQ', label: 'Banque' },
} as const;

/** Card and SEPA debit money sits with Stripe until it is paid out to the bank. */
const THROUGH_STRIPE = new Set(['card', 'sepa_debit']);

/**
 * The FEC of a fiscal year (the calendar year: the Chambre closes on 31 December). The sales journal comes from invoices and credit notes,
 * the bank journal from payments recorded, money kept as an organisation's credit and
 * Stripe's fees; every entry balances (writeFec refuses one that does not).
 */
@Injectable()
export class ExportFecUseCase {
  constructor(
    private readonly ledger: InvoiceLedgerService,
    private readonly chambre: ChambreSettingsQuery,
    private readonly fees: StripeFeesService,
    private readonly allocations: AllocationLedgerService,
  ) {}

  async execute(year: number): Promise<ExportFile> {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const [documents, payments, fees, credits, refunds, payouts, chambre] = await Promise.all([
      this.ledger.documents({ from, to }),
      this.ledger.payments({ from, to }),
      this.fees.between(from, to),
      this.allocations.live('organisation_credit', { from, to }),
      this.allocations.live('refund', { from, to }),
      this.allocations.live('payout', { from, to }),
      this.chambre.get(),
    ]);
    const entries: FecEntry[] = [];
    let sale = 0;
    for (const document of documents) {
      if (document.totalInclVatCents === 0) continue;
      entries.push(saleEntry(document, ++sale));
    }
    const bank: { date: string; build: (number: string) => FecEntry }[] = [
      ...payments.map((payment) => ({
        date: payment.receivedOn,
        build: (number: string) =>
          bankEntry(number, payment.receivedOn, payment.invoiceNumber, [
            line(
              THROUGH_STRIPE.has(payment.method) ? ACCOUNTS.stripe : ACCOUNTS.bank,
              `Règlement ${payment.invoiceNumber}`,
              payment.amountCents,
              0,
            ),
            customerLine(
              payment.organisationId,
              payment.organisationName,
              `Règlement ${payment.invoiceNumber}`,
              0,
              payment.amountCents,
            ),
          ]),
      })),
      ...credits.map((credit) => ({
        date: credit.on,
        build: (number: string) =>
          bankEntry(number, credit.on, `TROP-PERCU-${credit.transactionId.slice(0, 8)}`, [
            line(ACCOUNTS.bank, 'Trop-perçu conservé en avoir', credit.cents, 0),
            customerLine(
              credit.organisationId,
              credit.organisationName,
              'Trop-perçu conservé en avoir',
              0,
              credit.cents,
            ),
          ]),
      })),
      ...refunds.map((refund) => ({
        date: refund.on,
        build: (number: string) =>
          bankEntry(number, refund.on, `REMB-${refund.refundId.slice(0, 8)}`, [
            customerLine(
              refund.organisationId,
              refund.organisationName,
              'Remboursement par virement',
              refund.cents,
              0,
            ),
            line(ACCOUNTS.bank, 'Remboursement par virement', 0, refund.cents),
          ]),
      })),
      // A payout moves money from Stripe to the bank.
      ...payouts.map((payout) => ({
        date: payout.on,
        build: (number: string) =>
          bankEntry(number, payout.on, payout.payoutId, [
            line(ACCOUNTS.bank, 'Virement Stripe', payout.cents, 0),
            line(ACCOUNTS.stripe, 'Virement Stripe', 0, payout.cents),
          ]),
      })),
      ...fees.map((fee) => ({
        date: fee.chargedOn,
        build: (number: string) =>
          bankEntry(number, fee.chargedOn, `STRIPE-${fee.paymentId.slice(0, 8)}`, [
            line(ACCOUNTS.fees, 'Frais Stripe', fee.feeCents, 0),
            line(ACCOUNTS.stripe, 'Frais Stripe', 0, fee.feeCents),
          ]),
      })),
    ];
    bank.sort((a, b) => a.date.localeCompare(b.date));
    bank.forEach((item, index) =>
      entries.push(item.build(`BQ${String(index + 1).padStart(6, '0')}`)),
    );
    return {
      fileName: fecFileName(chambre.siret.slice(0, 9), to),
      contentType: 'text/plain; charset=utf-8',
      content: writeFec(entries),
    };
  }
}

function line(
  account: { number: string; label: string },
  label: string,
  debitCents: number,
  creditCents: number,
): FecLine {
  return {
    accountNumber: account.number,
    accountLabel: account.label,
    label,
    debitCents,
    creditCents,
  };
}

/** The member's own account under 411, so the books show who owes what. */
function customerLine(
  organisationId: string,
  organisationName: string,
  label: string,
  debitCents: number,
  creditCents: number,
): FecLine {
  return {
    ...line(ACCOUNTS.customers, label, debitCents, creditCents),
    auxiliaryNumber: `C${organisationId.replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    auxiliaryLabel: organisationName,
  };
}

function saleEntry(document: LedgerDocument, sequence: number): FecEntry {
  const invoice = document.type === 'invoice';
  const label = `${invoice ? 'Facture' : 'Avoir'} ${document.number} ${document.organisationName}`;
  // An invoice debits the customer and credits revenue and VAT; a credit note the reverse.
  const side = (cents: number, debit: boolean): [number, number] =>
    debit === invoice ? [cents, 0] : [0, cents];
  const lines: FecLine[] = [
    customerLine(
      document.organisationId,
      document.organisationName,
      label,
      ...side(document.totalInclVatCents, true),
    ),
  ];
  if (document.totalExclVatCents > 0)
    lines.push(line(ACCOUNTS.revenue, label, ...side(document.totalExclVatCents, false)));
  if (document.totalVatCents > 0)
    lines.push(line(ACCOUNTS.vat, label, ...side(document.totalVatCents, false)));
  return {
    journalCode: JOURNALS.sales.code,
    journalLabel: JOURNALS.sales.label,
    number: `VT${String(sequence).padStart(6, '0')}`,
    date: document.issueDate,
    pieceRef: document.number,
    pieceDate: document.issueDate,
    validationDate: document.issueDate,
    lines,
  };
}

function bankEntry(number: string, date: string, pieceRef: string, lines: FecLine[]): FecEntry {
  return {
    journalCode: JOURNALS.bank.code,
    journalLabel: JOURNALS.bank.label,
    number,
    date,
    pieceRef,
    pieceDate: date,
    validationDate: date,
    lines,
  };
}
