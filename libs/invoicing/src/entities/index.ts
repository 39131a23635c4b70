import { Chambre } from './chambre.entity';
import { InvoiceLine } from './invoice-line.entity';
import { Invoice } from './invoice.entity';

export { Chambre, Invoice, InvoiceLine };

export const invoicingEntities = [Chambre, Invoice, InvoiceLine];
