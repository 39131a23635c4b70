import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { CatalogueFactsService } from '@mutualis/catalogue';
import { DeliveryDispatcher } from '../../services/delivery-dispatcher';
import { NotificationPlanner } from '../../services/notification-planner';

const PARIS = 'Europe/Paris';

/**
 * Sends each consultant the list of attendees of their sessions on the next Paris day. The log
 * is keyed per session, so running it twice sends nothing twice.
 */
@Injectable()
export class SendAttendeeListsUseCase {
  constructor(
    private readonly planner: NotificationPlanner,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly catalogue: CatalogueFactsService,
  ) {}

  async execute(now = new Date()): Promise<{ sessions: number; queued: number }> {
    const tomorrow = DateTime.fromJSDate(now, { zone: PARIS }).plus({ days: 1 }).startOf('day');
    const sessionIds = await this.catalogue.scheduledSessionIdsStarting(
      tomorrow.toJSDate(),
      tomorrow.plus({ days: 1 }).toJSDate(),
    );
    let queued = 0;
    for (const sessionId of sessionIds) {
      queued += await this.dispatcher.dispatch(await this.planner.attendeeList(sessionId));
    }
    return { sessions: sessionIds.length, queued };
  }
}
