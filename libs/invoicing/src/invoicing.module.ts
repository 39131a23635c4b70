import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule, QueueName } from '@mutualis/core';
import { BookingModule } from '@mutualis/booking';
import { CatalogueModule } from '@mutualis/catalogue';
import { IdentityModule } from '@mutualis/identity';
import { invoicingEntities } from './entities';
import { ChambreRepository } from './repositories/chambre.repository';
import { InvoiceLedgerRepository } from './repositories/invoice-ledger.repository';
import { InvoicePaymentRepository } from './repositories/invoice-payment.repository';
import { InvoiceRepository } from './repositories/invoice.repository';
import { ChambreSettingsQuery } from './services/chambre-settings.query';
import { ChambreSettingsWriter } from './services/chambre-settings-writer';
import { InvoiceAccessService } from './services/invoice-access.service';
import { InvoiceComposer } from './services/invoice-composer';
import { CreditNoteIssuer } from './services/credit-note-issuer';
import { InvoiceFactsService } from './services/invoice-facts.service';
import { InvoiceIssuer } from './services/invoice-issuer';
import { InvoiceLedgerService } from './services/invoice-ledger.service';
import { MembershipInvoicesQuery } from './services/membership-invoices.query';
import { MembershipInvoiceLedgerRepository } from './repositories/membership-invoice-ledger.repository';
import { InvoicePaymentRecorder } from './services/invoice-payment-recorder';
import { InvoicePdfService } from './services/invoice-pdf.service';
import { InvoiceStorage, LocalDirectoryStorage } from './storage/invoice-storage';
import { GetChambreLogoUseCase } from './use-cases/get-chambre-logo/get-chambre-logo.use-case';
import { GetInvoicePdfUseCase } from './use-cases/get-invoice-pdf/get-invoice-pdf.use-case';
import { GetInvoiceUseCase } from './use-cases/get-invoice/get-invoice.use-case';
import { RemoveChambreLogoUseCase } from './use-cases/remove-chambre-logo/remove-chambre-logo.use-case';
import { SetChambreLogoUseCase } from './use-cases/set-chambre-logo/set-chambre-logo.use-case';
import { UpdateChambreSettingsUseCase } from './use-cases/update-chambre-settings/update-chambre-settings.use-case';
import { CreateDraftInvoiceUseCase } from './use-cases/create-draft-invoice/create-draft-invoice.use-case';
import { IssueBookingInvoiceUseCase } from './use-cases/issue-booking-invoice/issue-booking-invoice.use-case';
import { IssueMembershipInvoiceUseCase } from './use-cases/issue-membership-invoice/issue-membership-invoice.use-case';
import { IssueCancellationCreditNoteUseCase } from './use-cases/issue-cancellation-credit-note/issue-cancellation-credit-note.use-case';
import { IssueRequestedCreditNoteUseCase } from './use-cases/issue-requested-credit-note/issue-requested-credit-note.use-case';
import { ListInvoicesUseCase } from './use-cases/list-invoices/list-invoices.use-case';
import { PayInvoiceGroupsUseCase } from './use-cases/pay-invoice-groups/pay-invoice-groups.use-case';
import { PayInvoiceUseCase } from './use-cases/pay-invoice/pay-invoice.use-case';
import { RecordInvoicePaymentUseCase } from './use-cases/record-invoice-payment/record-invoice-payment.use-case';
import { RequestCreditNoteUseCase } from './use-cases/request-credit-note/request-credit-note.use-case';
import { InvoicingHandlers } from './jobs/invoicing.handlers';
import { ReverseInvoicePaymentUseCase } from './use-cases/reverse-invoice-payment/reverse-invoice-payment.use-case';
import { ChorusProChannelAdapter } from './transmission/chorus-pro/chorus-pro.adapter';
import { EmailChannelAdapter } from './transmission/email-channel.adapter';
import { InvoiceTransmissionRepository } from './transmission/invoice-transmission.repository';
import { TransmissionChannels } from './transmission/transmission-channels';
import { TransmissionHandlers } from './transmission/transmission.handlers';
import { TransmissionScheduler } from './transmission/transmission-scheduler';
import { AdvanceTransmissionUseCase } from './transmission/use-cases/advance-transmission/advance-transmission.use-case';
import { GetInvoiceTransmissionUseCase } from './transmission/use-cases/get-invoice-transmission/get-invoice-transmission.use-case';
import { ListInvoiceTransmissionsUseCase } from './transmission/use-cases/list-invoice-transmissions/list-invoice-transmissions.use-case';
import { RecordCollectionUseCase } from './transmission/use-cases/record-collection/record-collection.use-case';
import { ResumeTransmissionsUseCase } from './transmission/use-cases/resume-transmissions/resume-transmissions.use-case';

const useCases = [
  GetChambreLogoUseCase,
  GetInvoicePdfUseCase,
  GetInvoiceUseCase,
  RemoveChambreLogoUseCase,
  SetChambreLogoUseCase,
  UpdateChambreSettingsUseCase,
  CreateDraftInvoiceUseCase,
  IssueBookingInvoiceUseCase,
  IssueMembershipInvoiceUseCase,
  IssueCancellationCreditNoteUseCase,
  IssueRequestedCreditNoteUseCase,
  ListInvoicesUseCase,
  PayInvoiceGroupsUseCase,
  PayInvoiceUseCase,
  RecordInvoicePaymentUseCase,
  RequestCreditNoteUseCase,
  ReverseInvoicePaymentUseCase,
  AdvanceTransmissionUseCase,
  GetInvoiceTransmissionUseCase,
  ListInvoiceTransmissionsUseCase,
  RecordCollectionUseCase,
  ResumeTransmissionsUseCase,
];

/**
 * Invoices and credit notes of the Chambre: numbering, content, immutability, PDF, and their
 * transmission to the buyer (e-mail, Chorus Pro) with its lifecycle.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(invoicingEntities),
    IdentityModule,
    BookingModule,
    CatalogueModule,
    AuditModule,
    // Transmission steps are delayed jobs on the invoicing queue.
    BullModule.registerQueue({ name: QueueName.Invoicing }),
  ],
  providers: [
    MembershipInvoicesQuery,
    MembershipInvoiceLedgerRepository,
    InvoicingHandlers,
    TransmissionHandlers,
    InvoiceTransmissionRepository,
    TransmissionScheduler,
    TransmissionChannels,
    EmailChannelAdapter,
    ChorusProChannelAdapter,
    ChambreRepository,
    InvoiceRepository,
    InvoiceLedgerRepository,
    InvoicePaymentRepository,
    InvoicePaymentRecorder,
    ChambreSettingsQuery,
    ChambreSettingsWriter,
    InvoiceAccessService,
    InvoiceComposer,
    CreditNoteIssuer,
    InvoiceFactsService,
    InvoiceIssuer,
    InvoicePdfService,
    InvoiceLedgerService,
    { provide: InvoiceStorage, useClass: LocalDirectoryStorage },
    ...useCases,
  ],
  exports: [
    ChambreSettingsQuery,
    InvoiceFactsService,
    InvoicePdfService,
    InvoiceLedgerService,
    MembershipInvoicesQuery,
    ...useCases,
  ],
})
export class InvoicingModule {}
