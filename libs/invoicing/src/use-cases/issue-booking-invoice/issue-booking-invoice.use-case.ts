import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '@mutualis/core';
import { BookingFactsService } from '@mutualis/booking';
import { OrganisationDirectoryService } from '@mutualis/identity';
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
