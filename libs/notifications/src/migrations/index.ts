import { CreateNotifications1795680700000 } from './1795680700000-create-notifications';
import { InvitationLinksMadeAtSendTime1796101200000 } from './1796101200000-invitation-links-made-at-send-time';
import { DeliveryRetention1796106200000 } from './1796106200000-delivery-retention';

export const notificationsMigrations = [
  CreateNotifications1795680700000,
  InvitationLinksMadeAtSendTime1796101200000,
  DeliveryRetention1796106200000,
];
