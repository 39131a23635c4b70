import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import { Invoice } from '../../../entities/invoice.entity';
import { InvoicingErrorCode, InvoicingException } from '../../../invoicing.exception';
import { InvoiceRepository } from '../../../repositories/invoice.repository';
import { InvoicePdfService } from '../../../services/invoice-pdf.service';
import {
  InvoiceTransmissionRepository,
  TransmissionChanges,
} from '../../invoice-transmission.repository';
import {
  ChannelRefusedError,
  ChannelUnavailableError,
  TransmissionStep,
  TransmittedInvoice,
} from '../../transmission-channel';
import { TransmissionChannels } from '../../transmission-channels';
import { TransmissionScheduler } from '../../transmission-scheduler';
import { OPEN_TRANSMISSION_STATES } from '../../transmission.types';

export type AdvanceOutcome =
  | 'missing'
  | 'stale'
  | 'finished'
  | 'awaiting_configuration'
  | 'advanced'
  | 'retry_scheduled'
  | 'failed';

/** Without its channel configured, the transmission is looked at again this often (by the sweep). */
const UNCONFIGURED_RECHECK_MS = 5 * 60_000;

/** Longest `last_error` kept. */
const ERROR_TEXT = 1_000;

/**
 * Takes the next step of an invoice's transmission through its channel's adapter: sends it when
 * it has not been, otherwise asks what became of it; records the statuses learnt (each once),
 * and schedules the next step. The transmission is locked for the step, so two jobs never send
 * one invoice twice, and a job for a step already taken does nothing. A platform down or slow is
 * retried with a growing delay (state unchanged, the error and the next attempt kept on the row);
 * a request the platform refuses stops the transmission as `failed` for the staff to look at.
 */
@Injectable()
export class AdvanceTransmissionUseCase {
  private readonly logger = new Logger(AdvanceTransmissionUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transmissions: InvoiceTransmissionRepository,
    private readonly invoices: InvoiceRepository,
    private readonly pdf: InvoicePdfService,
    private readonly channels: TransmissionChannels,
    private readonly scheduler: TransmissionScheduler,
    private readonly clock: Clock,
  ) {}

  async execute(invoiceId: string, step: number): Promise<AdvanceOutcome> {
    // Set inside the transaction, scheduled once it is committed.
    const scheduled: { next: { step: number; delayMs: number } | null } = { next: null };
    const outcome = await this.dataSource.transaction(async (manager): Promise<AdvanceOutcome> => {
      const transmission = await this.transmissions.lock(invoiceId, manager);
      if (!transmission) return 'missing';
      if (transmission.steps !== step) return 'stale';
      if (!OPEN_TRANSMISSION_STATES.includes(transmission.state)) return 'finished';
      const now = this.clock.now();
      const adapter = this.channels.ready(transmission.channel);
      if (!adapter) {
        // Visible in the list; the sweep comes back once the settings may have been given.
        await this.transmissions.update(
          invoiceId,
          {
            state: 'awaiting_configuration',
            nextAttemptAt: new Date(now.getTime() + UNCONFIGURED_RECHECK_MS),
          },
          manager,
        );
        return 'awaiting_configuration';
      }
      const invoice = await this.invoices.findById(invoiceId, manager);
      if (!invoice?.number || !invoice.issueDate)
        throw new Error(`invoice ${invoiceId} is not issued`);
      const sending =
        transmission.state === 'pending' || transmission.state === 'awaiting_configuration';

      let result: TransmissionStep;
      try {
        result = sending
          ? await adapter.send(this.transmitted(invoice))
          : await adapter.follow(this.transmitted(invoice), transmission);
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(
          0,
          ERROR_TEXT,
        );
        if (error instanceof ChannelUnavailableError) {
          const attempts = transmission.attempts + 1;
          const delayMs = this.scheduler.delays.retry(attempts);
          scheduled.next = { step: step + 1, delayMs };
          await this.transmissions.update(
            invoiceId,
            {
              state: sending ? 'pending' : transmission.state,
              attempts,
              steps: step + 1,
              lastError: message,
              nextAttemptAt: new Date(now.getTime() + delayMs),
            },
            manager,
          );
          this.logger.warn(
            { invoiceId, attempts, delayMs, error: message },
            'transmission retried later',
          );
          return 'retry_scheduled';
        }
        if (error instanceof ChannelRefusedError) {
          await this.transmissions.update(
            invoiceId,
            { state: 'failed', lastError: message, nextAttemptAt: null },
            manager,
          );
          this.logger.error(
            {
              alert: 'invoice_transmission_failed',
              invoiceId,
              number: invoice.number,
              error: message,
            },
            'ALERT: the platform refused the transmission of an invoice',
          );
          return 'failed';
        }
        throw error;
      }

      const recorded = await this.transmissions.append(invoiceId, result.facts, manager);
      const open = OPEN_TRANSMISSION_STATES.includes(result.state);
      // The n-th question since the platform took the file: a slow one is asked less often.
      const delayMs = this.scheduler.delays.poll(sending ? 0 : step);
      const changes: TransmissionChanges = {
        state: result.state,
        externalFlowId: result.externalFlowId ?? undefined,
        externalInvoiceId: result.externalInvoiceId ?? undefined,
        externalStatus: result.externalStatus ?? undefined,
        attempts: 0,
        lastError: null,
        steps: open ? step + 1 : step,
        nextAttemptAt: open ? new Date(now.getTime() + delayMs) : null,
      };
      if (recorded.length > 0)
        changes.lastStatusAt = new Date(
          Math.max(...recorded.map((fact) => fact.occurredAt.getTime())),
        );
      await this.transmissions.update(invoiceId, changes, manager);
      if (open) scheduled.next = { step: step + 1, delayMs };
      return 'advanced';
    });
    // After the commit: a job that ran before it would find the step not taken yet. A crash
    // in between is what the sweep is for.
    if (scheduled.next) {
      await this.scheduler.schedule(invoiceId, scheduled.next.step, scheduled.next.delayMs);
    }
    return outcome;
  }

  private transmitted(invoice: Invoice): TransmittedInvoice {
    return {
      invoiceId: invoice.id,
      number: invoice.number!,
      type: invoice.type,
      issueDate: invoice.issueDate!,
      buyer: invoice.buyer,
      document: async () => {
        const stored = await this.pdf.read(invoice.id).catch((error: unknown) => {
          // The stored file is not the one issued: an alert already, never sent as the invoice.
          if (
            error instanceof InvoicingException &&
            error.code === InvoicingErrorCode.PdfIntegrityFailed
          )
            throw new ChannelRefusedError(error.message);
          throw new ChannelUnavailableError(
            `the PDF of ${invoice.number} could not be read (${error instanceof Error ? error.message : String(error)})`,
          );
        });
        if (!stored)
          throw new ChannelUnavailableError(`the PDF of ${invoice.number} is not stored yet`);
        return stored;
      },
    };
  }
}
