import { NotificationDelivery } from './notification-delivery.entity';
import { NotificationPreference } from './notification-preference.entity';

export * from './notification-delivery.entity';
export * from './notification-preference.entity';

export const notificationsEntities = [NotificationDelivery, NotificationPreference];
