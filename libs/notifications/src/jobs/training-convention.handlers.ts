import { Injectable } from '@nestjs/common';
import { EventJob, OnEvent, QueueName } from '@mutualis/core';
import { TrainingEvents } from '@mutualis/training';
import { DeliveryDispatcher } from '../services/delivery-dispatcher';
import { TrainingConventionPlanner } from '../services/training-convention-planner';

/** The organisation's admins receive the convention to sign, then reminders while unsigned. */
@Injectable()
export class TrainingConventionHandlers {
  constructor(
    private readonly planner: TrainingConventionPlanner,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  @OnEvent(TrainingEvents.ConventionIssued, QueueName.Notifications)
  async issued(event: EventJob<typeof TrainingEvents.ConventionIssued>) {
    const planned = await this.planner.issued(
      event.eventId,
      event.payload.bookingId,
      event.payload.documentId,
    );
    return { queued: await this.dispatcher.dispatch(planned) };
  }

  @OnEvent(TrainingEvents.ConventionReminderDue, QueueName.Notifications)
  async reminderDue(event: EventJob<typeof TrainingEvents.ConventionReminderDue>) {
    const planned = await this.planner.reminder(event.eventId, event.payload.bookingId);
    return { queued: await this.dispatcher.dispatch(planned) };
  }
}
