import { CreateNotifications1795680700000 } from './1795680700000-create-notifications';
import { DeliveryRetention1796106200000 } from './1796106200000-delivery-retention';

export const notificationsMigrations = [
  CreateNotifications1795680700000,
  DeliveryRetention1796106200000,
];
