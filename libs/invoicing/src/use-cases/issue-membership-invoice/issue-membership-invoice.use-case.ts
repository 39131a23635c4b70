import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '@mutualis/core';
import { OrganisationDirectoryService, overseasTerritoryOf } from '@mutualis/identity';
import { ChambreRepository } from '../../repositories/chambre.repository';
import { InvoiceRepository, StoredInvoice } from '../../repositories/invoice.repository';
import { InvoiceComposer, newPaymentReference } from '../../services/invoice-composer';
import { InvoiceIssuer } from '../../services/invoice-issuer';
import { InvoicePdfService } from '../../services/invoice-pdf.service';

/** A cotisation to invoice: one organisation's membership (adhésion) of one calendar year. */
export interface MembershipInvoiceCommand {
  /** identity's `memberships.id`: one invoice per membership (a unique index). */
  membershipId: string;
  organisationId: string;
  /** The service period is that calendar year (BT-73/BT-74). */
  year: number;
  /** The line, e.g. « Cotisation 2027 — association, 10 à 49 salariés ». */
  description: string;
  /** The fee, excl. VAT when taxable, or the whole amount when out of scope; whole cents. */
  amountCents: number;
  vatTreatment: 'out_of_scope' | 'taxable';
}

export type MembershipInvoiceOutcome = { outcome: 'issued' | 'already_issued'; invoiceId: string };

/**
 * Issues the invoice of a membership, in the F series like every invoice (numbered, Factur-X,
 * journaled, transmitted through Chorus Pro to a public body). One invoice per membership (a
 * unique index): a relaunched campaign, a redelivered job, or two workers at once issue it once,
 * and the others answer `already_issued` with its id.
 */
@Injectable()
export class IssueMembershipInvoiceUseCase {
  private readonly logger = new Logger(IssueMembershipInvoiceUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: OrganisationDirectoryService,
    private readonly chambres: ChambreRepository,
    private readonly invoices: InvoiceRepository,
    private readonly composer: InvoiceComposer,
    private readonly issuer: InvoiceIssuer,
    private readonly pdf: InvoicePdfService,
  ) {}

  async execute(command: MembershipInvoiceCommand): Promise<MembershipInvoiceOutcome> {
    if (!Number.isSafeInteger(command.amountCents) || command.amountCents < 0) {
      throw new RangeError(`a cotisation is whole cents, not ${command.amountCents}`);
    }
    const existing = await this.invoices.findForMembership(command.membershipId);
    if (existing) return this.already(existing.id);

    const chambre = await this.chambres.current();
    if (!chambre.configured) {
      // Thrown, not skipped: the job retries with backoff until an admin reviews the settings.
      throw new Error(
        'the Chambre’s legal identity has not been reviewed yet (PUT /api/chambre); invoice postponed',
      );
    }
    const buyer = await this.directory.billingIdentity(command.organisationId);
    if (!buyer) throw new Error(`organisation ${command.organisationId} not found`);
    const territory = overseasTerritoryOf(buyer.postalCode);
    if (territory) {
      // As for bookings: no invoice with metropolitan VAT for a buyer established overseas.
      throw new Error(
        `organisation ${command.organisationId} is established in ${territory.name}, whose VAT ` +
          'regime is not implemented yet: its cotisation is not invoiced',
      );
    }
    const { draft, lines } = this.composer.forMembership(command, chambre, buyer);

    let issued: StoredInvoice;
    try {
      issued = await this.dataSource.transaction(async (manager) => {
        const stored = await this.invoices.insertDraft(
          { ...draft, paymentReference: newPaymentReference() },
          lines,
          manager,
        );
        return {
          invoice: await this.issuer.issueWithin(manager, stored.invoice),
          lines: stored.lines,
        };
      });
    } catch (error) {
      // Another caller inserted this membership's invoice between our read and our insert.
      if (isUniqueViolation(error, 'invoices_one_per_membership')) {
        const winner = await this.invoices.findForMembership(command.membershipId);
        if (winner) return this.already(winner.id);
      }
      throw error;
    }
    await this.pdf.store(issued);
    this.logger.log(
      { membershipId: command.membershipId, invoiceId: issued.invoice.id },
      'membership invoice issued',
    );
    return { outcome: 'issued', invoiceId: issued.invoice.id };
  }

  private async already(invoiceId: string): Promise<MembershipInvoiceOutcome> {
    // A caller may have died after issuing and before storing the PDF: finish its work.
    await this.pdf.ensure(invoiceId);
    return { outcome: 'already_issued', invoiceId };
  }
}
