import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueName } from '@mutualis/core';
import { BookingModule } from '@mutualis/booking';
import { CatalogueModule } from '@mutualis/catalogue';
import { IdentityModule } from '@mutualis/identity';
import { InvoicingModule } from '@mutualis/invoicing';
import { MembershipModule } from '@mutualis/membership';
import { TrainingModule } from '@mutualis/training';
import { TrainingProgrammePlanner } from './services/training-programme-planner';
import { notificationsEntities } from './entities';
import { MailTransport } from './mail/mail-transport';
import { DeliveryRepository } from './repositories/delivery.repository';
import { NotificationsPersonalDataRepository } from './repositories/notifications-personal-data.repository';
import { PreferenceRepository } from './repositories/preference.repository';
import { DeliveryDispatcher, QueueErrorListener } from './services/delivery-dispatcher';
import { AttendanceMailPlanner } from './services/attendance-mail-planner';
import { NotificationPlanner } from './services/notification-planner';
import { NotificationScheduler } from './services/notification-scheduler';
import { RenewalReminderPlanner } from './services/renewal-reminder-planner';
import { TrainingCompletionPlanner } from './services/training-completion-planner';
import { SendRenewalReminderUseCase } from './use-cases/send-renewal-reminder/send-renewal-reminder.use-case';
import { WebLinks } from './services/web-links';
import { DeliverNotificationUseCase } from './use-cases/deliver-notification/deliver-notification.use-case';
import { ListDeliveriesUseCase } from './use-cases/list-deliveries/list-deliveries.use-case';
import { GetNotificationPreferencesUseCase } from './use-cases/get-notification-preferences/get-notification-preferences.use-case';
import { NotifyEventUseCase } from './use-cases/notify-event/notify-event.use-case';
import { ResendDeliveryUseCase } from './use-cases/resend-delivery/resend-delivery.use-case';
import { SendSessionReminderUseCase } from './use-cases/send-session-reminder/send-session-reminder.use-case';
import { SendOverdueReminderUseCase } from './use-cases/send-overdue-reminder/send-overdue-reminder.use-case';
import { SendAttendeeListsUseCase } from './use-cases/send-attendee-lists/send-attendee-lists.use-case';
import { RebuildNotificationSchedulesUseCase } from './use-cases/rebuild-notification-schedules/rebuild-notification-schedules.use-case';
import { RequeueStaleDeliveriesUseCase } from './use-cases/requeue-stale-deliveries/requeue-stale-deliveries.use-case';
import { NotificationsHandlers } from './jobs/notifications.handlers';
import { TrainingConventionHandlers } from './jobs/training-convention.handlers';
import { TrainingConventionPlanner } from './services/training-convention-planner';
import { UpdateNotificationPreferencesUseCase } from './use-cases/update-notification-preferences/update-notification-preferences.use-case';

const useCases = [
  DeliverNotificationUseCase,
  GetNotificationPreferencesUseCase,
  ListDeliveriesUseCase,
  NotifyEventUseCase,
  ResendDeliveryUseCase,
  SendSessionReminderUseCase,
  SendOverdueReminderUseCase,
  SendAttendeeListsUseCase,
  RebuildNotificationSchedulesUseCase,
  RequeueStaleDeliveriesUseCase,
  UpdateNotificationPreferencesUseCase,
];

/** E-mail to members, consultants and finance: templates, delivery log, calendar invitations. */
@Module({
  imports: [
    TypeOrmModule.forFeature(notificationsEntities),
    BullModule.registerQueue({ name: QueueName.Notifications }),
    IdentityModule,
    CatalogueModule,
    BookingModule,
    InvoicingModule,
    MembershipModule,
    TrainingModule,
  ],
  providers: [
    NotificationsHandlers,
    TrainingConventionHandlers,
    TrainingConventionPlanner,
    RenewalReminderPlanner,
    TrainingCompletionPlanner,
    SendRenewalReminderUseCase,
    QueueErrorListener,
    MailTransport,
    DeliveryRepository,
    PreferenceRepository,
    DeliveryDispatcher,
    NotificationPlanner,
    AttendanceMailPlanner,
    TrainingProgrammePlanner,
    NotificationScheduler,
    WebLinks,
    NotificationsPersonalDataRepository,
    ...useCases,
  ],
  exports: [NotificationsPersonalDataRepository, ...useCases],
})
export class NotificationsModule {}
