import { Injectable } from '@nestjs/common';
import { decimalCommaAmount, toSpreadsheetCsv } from '@mutualis/core';
import { InvoiceLedgerService } from '@mutualis/invoicing';
import { ExportFile } from '../../views/export-file';

@Injectable()
export class ExportPaymentsCsvUseCase {
  constructor(private readonly ledger: InvoiceLedgerService) {}

  /** Payments received in a period, for a spreadsheet: `;`, decimal comma. */
  async execute(from: string, to: string): Promise<ExportFile> {
    const payments = await this.ledger.payments({ from, to });
    const rows = [
      ['Date', 'Facture', 'Organisation', 'Montant', 'Moyen', 'Origine'],
      ...payments.map((payment) => [
        payment.receivedOn,
        payment.invoiceNumber,
        payment.organisationName,
        decimalCommaAmount(payment.amountCents),
        payment.method,
        payment.source,
      ]),
    ];
    return {
      fileName: `reglements-${from}-${to}.csv`,
      contentType: 'text/csv; charset=utf-8',
      content: toSpreadsheetCsv(rows),
    };
  }
}
