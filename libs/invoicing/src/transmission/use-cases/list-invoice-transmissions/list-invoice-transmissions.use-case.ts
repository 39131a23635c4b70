import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, Page } from '@mutualis/core';
import { InvoiceTransmissionRepository } from '../../invoice-transmission.repository';
import type { TransmissionChannel, TransmissionState } from '../../transmission.types';
import { InvoiceTransmissionListItemView, presentTransmissionRow } from '../../transmission.view';

export interface ListInvoiceTransmissionsQuery {
  channels?: TransmissionChannel[];
  states?: TransmissionState[];
  limit: number;
  cursor?: string;
}

/** Finance's list of transmissions (who may call it is the route's business), newest first. */
@Injectable()
export class ListInvoiceTransmissionsUseCase {
  constructor(private readonly transmissions: InvoiceTransmissionRepository) {}

  async execute(
    query: ListInvoiceTransmissionsQuery,
  ): Promise<Page<InvoiceTransmissionListItemView>> {
    const rows = await this.transmissions.list({
      channels: query.channels,
      states: query.states,
      after: decodeCursor(query.cursor),
      limit: query.limit,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(presentTransmissionRow),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ createdAt: last.createdAt, id: last.invoiceId })
          : null,
    };
  }
}
