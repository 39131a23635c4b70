import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '@mutualis/core';
import { BookingFactsService } from '@mutualis/booking';
import { OrganisationDirectoryService, overseasTerritoryOf } from '@mutualis/identity';
import { ChambreRepository } from '../../repositories/chambre.repository';
import { InvoiceRepository, StoredInvoice } from '../../repositories/invoice.repository';
import { InvoiceComposer, newPaymentReference } from '../../services/invoice-composer';
import { InvoiceIssuer } from '../../services/invoice-issuer';
import { InvoicePdfService } from '../../services/invoice-pdf.service';

export type IssueOutcome = 'issued' | 'already_issued' | 'not_confirmed';

/**
 * Issues the invoice of a confirmed booking, however it was confirmed. One invoice per booking
 * (a unique index), so a redelivered job, or two workers at once, issue it once; a draft made
 * earlier (bank-transfer checkout) keeps its id and payment reference.
 */
@Injectable()
export class IssueBookingInvoiceUseCase {
  private readonly logger = new Logger(IssueBookingInvoiceUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingFactsService,
    private readonly directory: OrganisationDirectoryService,
    private readonly chambres: ChambreRepository,
    private readonly invoices: InvoiceRepository,
    private readonly composer: InvoiceComposer,
    private readonly issuer: InvoiceIssuer,
    private readonly pdf: InvoicePdfService,
  ) {}

  async execute(bookingId: string): Promise<IssueOutcome> {
    const facts = await this.bookings.forInvoice(bookingId);
    if (!facts?.confirmedAt) return 'not_confirmed';
    const chambre = await this.chambres.current();
    if (!chambre.configured) {
      // Thrown, not skipped: the job retries with backoff until an admin reviews the settings.
      throw new Error(
        'the Chambre’s legal identity has not been reviewed yet (PUT /api/chambre); invoice postponed',
      );
    }
    const buyer = await this.directory.billingIdentity(facts.organisationId);
    if (!buyer)
      throw new Error(`organisation ${facts.organisationId} of booking ${bookingId} not found`);
    const territory = overseasTerritoryOf(buyer.postalCode);
    if (territory) {
      // Booking, checkout and confirmation refuse such a buyer; one that moved overseas after
      // paying gets no invoice with metropolitan VAT. Retrying cannot help: the job fails at
      // once, kept on the queue page, to be retried once its invoice can be made.
      this.logger.error(
        {
          alert: 'overseas_buyer_not_invoiced',
          bookingId,
          organisationId: buyer.organisationId,
          territory: territory.code,
        },
        `ALERT: booking confirmed for an organisation in ${territory.name}, whose VAT is not metropolitan: no invoice issued`,
      );
      throw new OverseasBuyerNotInvoiced(bookingId, territory.name);
    }
    const { draft, lines } = this.composer.forBooking(facts, chambre, buyer);

    let issued: StoredInvoice | null;
    let already: string | null = null;
    try {
      issued = await this.dataSource.transaction(async (manager) => {
        const existing = await this.invoices.findForBookingForUpdate(bookingId, manager);
        if (existing && existing.status !== 'draft') {
          already = existing.id;
          return null;
        }
        let stored: StoredInvoice;
        if (existing) {
          // A draft made at checkout: rewritten with today's content, then read back whole.
          const storedLines = await this.invoices.replaceDraft(existing.id, draft, lines, manager);
          stored = {
            invoice: (await this.invoices.findById(existing.id, manager))!,
            lines: storedLines,
          };
        } else {
          stored = await this.invoices.insertDraft(
            { ...draft, paymentReference: newPaymentReference() },
            lines,
            manager,
          );
        }
        return {
          invoice: await this.issuer.issueWithin(manager, stored.invoice),
          lines: stored.lines,
        };
      });
    } catch (error) {
      // Another worker inserted this booking's invoice between our read and our insert.
      if (isUniqueViolation(error, 'invoices_one_per_booking')) return 'already_issued';
      throw error;
    }
    if (!issued) {
      // A worker may have died after issuing and before storing the PDF: finish its work.
      if (already) await this.pdf.ensure(already);
      return 'already_issued';
    }
    await this.pdf.store(issued);
    const issuedId = issued.invoice.id;
    this.logger.log({ bookingId, invoiceId: issuedId }, 'invoice issued');
    return 'issued';
  }
}

/** A confirmed booking whose buyer is established overseas: not invoiced, not retried. */
export class OverseasBuyerNotInvoiced extends UnrecoverableError {
  constructor(bookingId: string, territory: string) {
    super(
      `booking ${bookingId} is not invoiced: its organisation is established in ${territory}, ` +
        'whose VAT regime is not implemented yet; retry the job once its address is corrected',
    );
    this.name = 'OverseasBuyerNotInvoiced';
  }
}
