import { Injectable } from '@nestjs/common';
import { decimalCommaAmount, toSpreadsheetCsv } from '@mutualis/core';
import { InvoiceLedgerService } from '@mutualis/invoicing';
import { ExportFile } from '../../views/export-file';

@Injectable()
export class ExportInvoicesCsvUseCase {
  constructor(private readonly ledger: InvoiceLedgerService) {}

  /** Invoices and credit notes of a period, for a spreadsheet: `;`, decimal comma. */
  async execute(from: string, to: string): Promise<ExportFile> {
    const documents = await this.ledger.documents({ from, to });
    const rows = [
      ['Numéro', 'Type', 'Date', 'Échéance', 'Organisation', 'HT', 'TVA', 'TTC', 'Statut'],
      ...documents.map((document) => [
        document.number,
        document.type === 'invoice' ? 'facture' : 'avoir',
        document.issueDate,
        document.dueDate ?? '',
        document.organisationName,
        decimalCommaAmount(document.totalExclVatCents),
        decimalCommaAmount(document.totalVatCents),
        decimalCommaAmount(document.totalInclVatCents),
        document.status,
      ]),
    ];
    return {
      fileName: `factures-${from}-${to}.csv`,
      contentType: 'text/csv; charset=utf-8',
      content: toSpreadsheetCsv(rows),
    };
  }
}
