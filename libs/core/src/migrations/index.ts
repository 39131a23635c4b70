import { CreateOutboxAndIdempotency1795679900000 } from './1795679900000-create-outbox-and-idempotency';
import { NotifyOutboxEvents1795680900000 } from './1795680900000-notify-outbox-events';

export const coreMigrations = [
  CreateOutboxAndIdempotency1795679900000,
  NotifyOutboxEvents1795680900000,
];
