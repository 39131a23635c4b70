import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { Clock, FieldProblem, PARIS_TIME_ZONE } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { CatalogueErrorCode, CatalogueException } from '../../catalogue.exception';
import {
  NewSlot,
  ConsultationSlotRepository,
} from '../../repositories/consultation-slot.repository';
import { OfferingAccessService } from '../../services/offering-access.service';
import { ANONYMOUS_PRICING, PricingService } from '../../services/pricing.service';
import { presentSlot, SlotView } from '../../views/offering.view';

/** Repeats slots every week over a date range, at local Paris times (summer time handled). */
export interface WeeklyPattern {
  /** First and last calendar dates, YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Local start times, HH:mm. */
  startTimes: string[];
  /** Defaults to the offering's duration. */
  durationMinutes?: number;
}

export interface OpenSlotsCommand {
  actor: Actor;
  offeringId: string;
  slots?: { startsAt: Date; endsAt: Date }[];
  pattern?: WeeklyPattern;
}

export const MAX_SLOTS_PER_REQUEST = 500;
const MAX_PATTERN_DAYS = 366;

/**
 * The consultant opens consultation slots, one by one or as a weekly pattern. All are
 * created or none: the exclusion constraint refuses any slot that overlaps another of the
 * same consultant, whichever request got there first.
 */
@Injectable()
export class OpenSlotsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: OfferingAccessService,
    private readonly slots: ConsultationSlotRepository,
    private readonly pricing: PricingService,
    private readonly clock: Clock,
  ) {}

  async execute(command: OpenSlotsCommand): Promise<SlotView[]> {
    try {
      const { created, offering } = await this.dataSource.transaction(async (manager) => {
        const offering = await this.access.getManaged(command.actor, command.offeringId, manager, {
          adminMay: false,
        });
        if (offering.kind !== 'consultation') {
          throw new CatalogueException(
            CatalogueErrorCode.WrongOfferingKind,
            'trainings have sessions, not slots: use POST /offerings/{id}/sessions',
          );
        }
        if (offering.status === 'archived') {
          throw new CatalogueException(
            CatalogueErrorCode.OfferingNotEditable,
            'an archived offering gets no new slot',
          );
        }
        const wanted = [
          ...(command.slots ?? []),
          ...(command.pattern ? expandPattern(command.pattern, offering.durationMinutes) : []),
        ];
        this.assertValid(wanted, command);
        return {
          created: await this.slots.createMany(offering.id, offering.consultantId, wanted, manager),
          offering,
        };
      });
      return created.map((slot) =>
        presentSlot(slot, this.pricing.priceOn(offering, slot.startsAt, ANONYMOUS_PRICING)),
      );
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23P01') {
        throw new CatalogueException(
          CatalogueErrorCode.SlotsOverlap,
          'a slot overlaps another slot of yours (or another in this request); no slot was created',
        );
      }
      throw error;
    }
  }

  private assertValid(slots: NewSlot[], command: OpenSlotsCommand): void {
    const problems: FieldProblem[] = [];
    const now = this.clock.now();
    if (slots.length === 0) {
      problems.push({
        field: command.pattern ? 'pattern' : 'slots',
        message: 'gives no slot to open',
      });
    }
    if (slots.length > MAX_SLOTS_PER_REQUEST) {
      problems.push({
        field: 'pattern',
        message: `gives ${slots.length} slots; at most ${MAX_SLOTS_PER_REQUEST} at once`,
      });
    }
    slots.forEach((slot, index) => {
      const field = command.slots && index < command.slots.length ? `slots.${index}` : 'pattern';
      if (slot.startsAt <= now)
        problems.push({ field: `${field}.startsAt`, message: 'must be in the future' });
      if (slot.endsAt <= slot.startsAt)
        problems.push({ field: `${field}.endsAt`, message: 'must be after startsAt' });
      if (slot.endsAt.getTime() - slot.startsAt.getTime() > 8 * 3_600_000) {
        problems.push({ field: `${field}.endsAt`, message: 'a slot lasts at most 8 hours' });
      }
    });
    if (problems.length > 0) {
      const shown = problems.slice(0, 20);
      throw new CatalogueException(
        CatalogueErrorCode.InvalidSlot,
        shown.map((problem) => `${problem.field} ${problem.message}`).join('; '),
        shown,
      );
    }
  }
}

/** The slots a weekly pattern gives, converting each local Paris time to an instant. */
export function expandPattern(pattern: WeeklyPattern, defaultDuration: number): NewSlot[] {
  const first = DateTime.fromISO(pattern.from, { zone: PARIS_TIME_ZONE });
  const last = DateTime.fromISO(pattern.to, { zone: PARIS_TIME_ZONE });
  const problems: FieldProblem[] = [];
  if (!first.isValid)
    problems.push({ field: 'pattern.from', message: 'must be a date YYYY-MM-DD' });
  if (!last.isValid) problems.push({ field: 'pattern.to', message: 'must be a date YYYY-MM-DD' });
  if (first.isValid && last.isValid && last < first)
    problems.push({ field: 'pattern.to', message: 'must not be before from' });
  if (first.isValid && last.isValid && last.diff(first, 'days').days > MAX_PATTERN_DAYS) {
    problems.push({
      field: 'pattern.to',
      message: `must be within ${MAX_PATTERN_DAYS} days of from`,
    });
  }
  if (problems.length > 0) {
    throw new CatalogueException(
      CatalogueErrorCode.InvalidSlot,
      problems.map((p) => `${p.field} ${p.message}`).join('; '),
      problems,
    );
  }
  const duration = pattern.durationMinutes ?? defaultDuration;
  const slots: NewSlot[] = [];
  for (let day = first; day <= last; day = day.plus({ days: 1 })) {
    if (!pattern.weekdays.includes(day.weekday)) continue;
    for (const time of [...new Set(pattern.startTimes)].sort()) {
      const [hour, minute] = time.split(':').map(Number);
      const start = day.set({ hour, minute, second: 0, millisecond: 0 });
      slots.push({
        startsAt: start.toJSDate(),
        endsAt: start.plus({ minutes: duration }).toJSDate(),
      });
    }
  }
  return slots;
}
