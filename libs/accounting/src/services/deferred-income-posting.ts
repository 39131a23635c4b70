import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InvoiceLedgerService } from '@mutualis/invoicing';
import { deferredIncomeEntries } from '../posting/posting-rules';
import { JournalWriter } from './journal-writer';

/**
 * At the close of a fiscal year's last month: the revenue of services invoiced in the year and
 * performed after it is deferred (487), and the deferral reversed on the next year's first day.
 */
@Injectable()
export class DeferredIncomePosting {
  constructor(
    private readonly ledger: InvoiceLedgerService,
    private readonly journal: JournalWriter,
  ) {}

  /** Posts in the closing's transaction (which holds the books' lock); how many entries it wrote. */
  async post(year: number, manager: EntityManager): Promise<number> {
    const sales = await this.ledger.issuedForLaterService(`${year}-01-01`, `${year}-12-31`);
    let written = 0;
    for (const draft of deferredIncomeEntries(year, sales)) {
      if ((await this.journal.post(draft, manager)).created) written++;
    }
    return written;
  }
}
