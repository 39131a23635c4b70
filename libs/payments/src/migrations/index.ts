import { CreatePayments1795680500000 } from './1795680500000-create-payments';
import { IndexStripeFees1795680760000 } from './1795680760000-index-stripe-fees';
import { StripePayouts1795680770000 } from './1795680770000-stripe-payouts';
import { PaymentSucceededAt1796201100000 } from './1796201100000-payment-succeeded-at';
import { InvoicePayments1796206120000 } from './1796206120000-invoice-payments';

export const paymentsMigrations = [
  CreatePayments1795680500000,
  IndexStripeFees1795680760000,
  StripePayouts1795680770000,
  PaymentSucceededAt1796201100000,
  InvoicePayments1796206120000,
];
