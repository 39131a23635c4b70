import { CreatePayments1795680500000 } from './1795680500000-create-payments';

export const paymentsMigrations = [CreatePayments1795680500000];
