import { Payment } from './payment.entity';
import { Refund } from './refund.entity';
import { StripeEvent } from './stripe-event.entity';

export { Payment, Refund, StripeEvent };

export const paymentsEntities = [Payment, Refund, StripeEvent];
