import { Injectable } from '@nestjs/common';
import { decodeCursor, Page, toPage } from '@mutualis/core';
import { DeliveryStatus } from '../../entities/notification-delivery.entity';
import { DeliveryRepository } from '../../repositories/delivery.repository';
import { DeliveryView, presentDelivery } from '../../views/delivery.view';

/** The delivery log for admins: what was sent to whom, and what failed. */
@Injectable()
export class ListDeliveriesUseCase {
  constructor(private readonly deliveries: DeliveryRepository) {}

  async execute(query: {
    statuses?: DeliveryStatus[];
    recipient?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<DeliveryView>> {
    const after = decodeCursor(query.cursor) ?? undefined;
    const rows = await this.deliveries.list({ ...query, limit: query.limit + 1, after });
    return toPage(rows, query.limit, presentDelivery);
  }
}
