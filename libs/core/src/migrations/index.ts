import { CreateOutboxAndIdempotency1795679900000 } from './1795679900000-create-outbox-and-idempotency';
import { NotifyOutboxEvents1795680900000 } from './1795680900000-notify-outbox-events';
import { CreateAuditLog1796100000000 } from './1796100000000-create-audit-log';

export const coreMigrations = [
  CreateOutboxAndIdempotency1795679900000,
  NotifyOutboxEvents1795680900000,
  CreateAuditLog1796100000000,
];
