import { CreateNotifications1795680700000 } from './1795680700000-create-notifications';

export const notificationsMigrations = [CreateNotifications1795680700000];
