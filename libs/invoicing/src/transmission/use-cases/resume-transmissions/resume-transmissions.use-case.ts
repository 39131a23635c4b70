import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import { InvoiceTransmissionRepository } from '../../invoice-transmission.repository';
import { TransmissionScheduler } from '../../transmission-scheduler';
import { OPEN_TRANSMISSION_STATES } from '../../transmission.types';

/** A step this late had its job lost (Redis's data, a crash before it was queued). */
const OVERDUE_MS = 2 * 60_000;
const BATCH = 200;

/**
 * Resumes open transmissions whose next step is overdue: each gets a new step (so a late job of
 * the old one does nothing) queued at once. A transmission waiting for its channel's settings
 * comes back here too, and leaves once they are given.
 */
@Injectable()
export class ResumeTransmissionsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transmissions: InvoiceTransmissionRepository,
    private readonly scheduler: TransmissionScheduler,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<number> {
    const now = this.clock.now();
    const overdue = await this.transmissions.due(new Date(now.getTime() - OVERDUE_MS), BATCH);
    let resumed = 0;
    for (const candidate of overdue) {
      const step = await this.dataSource.transaction(async (manager) => {
        const current = await this.transmissions.lock(candidate.invoiceId, manager);
        // Moved on since it was listed: its own job is running or queued.
        if (!current || current.steps !== candidate.steps) return null;
        if (!OPEN_TRANSMISSION_STATES.includes(current.state)) return null;
        await this.transmissions.update(
          current.invoiceId,
          { steps: current.steps + 1, nextAttemptAt: now },
          manager,
        );
        return current.steps + 1;
      });
      if (step === null) continue;
      await this.scheduler.schedule(candidate.invoiceId, step, 0);
      resumed++;
    }
    return resumed;
  }
}
