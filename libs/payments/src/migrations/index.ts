import { CreatePayments1795680500000 } from './1795680500000-create-payments';
import { IndexStripeFees1795680760000 } from './1795680760000-index-stripe-fees';

export const paymentsMigrations = [CreatePayments1795680500000, IndexStripeFees1795680760000];
