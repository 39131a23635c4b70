import { CreateOutboxAndIdempotency1795679900000 } from './1795679900000-create-outbox-and-idempotency';

export const coreMigrations = [CreateOutboxAndIdempotency1795679900000];
