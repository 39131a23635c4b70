import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '@mutualis/core';
import { BookingFactsService } from '@mutualis/booking';
import { OrganisationDirectoryService } from '@mutualis/identity';
import { Invoice } from '../../entities/invoice.entity';
import { invoiceNotFound } from '../../invoicing.exception';
import { ChambreRepository } from '../../repositories/chambre.repository';
import { InvoiceRepository } from '../../repositories/invoice.repository';
import { InvoiceComposer, newPaymentReference } from '../../services/invoice-composer';

export interface DraftReference {
  invoiceId: string;
  paymentReference: string;
}

/**
 * The invoice of a booking as a draft, for a request that must answer its id and payment
 * reference at once (a bank-transfer checkout). The worker numbers and issues it later, keeping
 * both. Asking again answers the same invoice.
 */
@Injectable()
export class CreateDraftInvoiceUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingFactsService,
    private readonly directory: OrganisationDirectoryService,
    private readonly chambres: ChambreRepository,
    private readonly invoices: InvoiceRepository,
    private readonly composer: InvoiceComposer,
  ) {}

  async forBooking(bookingId: string): Promise<DraftReference> {
    const facts = await this.bookings.forInvoice(bookingId);
    if (!facts) throw invoiceNotFound();
    const [chambre, buyer] = await Promise.all([
      this.chambres.current(),
      this.directory.billingIdentity(facts.organisationId),
    ]);
    if (!buyer) throw invoiceNotFound();
    const { draft, lines } = this.composer.forBooking(facts, chambre, buyer);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const existing = await this.invoices.findForBookingForUpdate(bookingId, manager);
        const invoice =
          existing ??
          (
            await this.invoices.insertDraft(
              { ...draft, paymentReference: newPaymentReference() },
              lines,
              manager,
            )
          ).invoice;
        return referenceOf(invoice);
      });
    } catch (error) {
      if (!isUniqueViolation(error, 'invoices_one_per_booking')) throw error;
      // Two checkouts at once: the other one created it; answer the same draft.
      return this.dataSource.transaction(async (manager) => {
        const invoice = (await this.invoices.findForBookingForUpdate(bookingId, manager))!;
        return referenceOf(invoice);
      });
    }
  }
}

/** An invoice always has its payment reference (a CHECK holds it); only credit notes have none. */
function referenceOf(invoice: Invoice): DraftReference {
  return { invoiceId: invoice.id, paymentReference: invoice.paymentReference! };
}
