import { Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import {
  CreateOfferingUseCase,
  ListMyOfferingsUseCase,
  PublishOfferingUseCase,
  RejectOfferingUseCase,
  SubmitOfferingUseCase,
  OpenSlotsUseCase,
  ScheduleSessionUseCase,
  SetVatTreatmentUseCase,
} from '@mutualis/catalogue';
import { PARIS_TIME_ZONE } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { DEMO_OFFERINGS, DemoOffering, DemoSession } from './demo-catalogue';
import { demoPedagogy } from './demo-pedagogy';

export interface SeededOffering {
  demo: DemoOffering;
  offeringId: string;
  /** In the order of demo.sessions. */
  sessionIds: string[];
}

/** A working day of training: longer offerings run over several days, 09:00 to 17:00. */
const MINUTES_PER_DAY = 420;

/** Seeds the demo catalogue through the consultants' and the admin's own use cases, once. */
@Injectable()
export class CatalogueSeeder {
  private readonly logger = new Logger(CatalogueSeeder.name);

  constructor(
    private readonly createOffering: CreateOfferingUseCase,
    private readonly listMyOfferings: ListMyOfferingsUseCase,
    private readonly submitOffering: SubmitOfferingUseCase,
    private readonly publishOffering: PublishOfferingUseCase,
    private readonly rejectOffering: RejectOfferingUseCase,
    private readonly scheduleSession: ScheduleSessionUseCase,
    private readonly openSlots: OpenSlotsUseCase,
    private readonly setVatTreatment: SetVatTreatmentUseCase,
  ) {}

  /** Returns the offerings it created, with their sessions (none when the catalogue was already seeded). */
  async seed(consultants: Actor[], admin: Actor): Promise<SeededOffering[]> {
    const created: SeededOffering[] = [];
    for (const demo of DEMO_OFFERINGS) {
      const consultant = consultants[demo.consultant - 1];
      const own = await this.listMyOfferings.execute(consultant, { limit: 100 });
      if (own.items.some((offering) => offering.title === demo.title)) continue;
      created.push(await this.seedOffering(demo, consultant, admin));
    }
    this.logger.log(
      created.length ? `seeded ${created.length} offerings` : 'demo catalogue already present',
    );
    return created;
  }

  private async seedOffering(
    demo: DemoOffering,
    consultant: Actor,
    admin: Actor,
  ): Promise<SeededOffering> {
    const sessionIds: string[] = [];
    const offering = await this.createOffering.execute({
      actor: consultant,
      title: demo.title,
      summary: demo.summary,
      description: demo.description,
      categorySlug: demo.categorySlug,
      kind: demo.kind,
      deliveryMode: demo.deliveryMode,
      departments: demo.departments,
      durationMinutes: demo.durationMinutes,
      memberPriceCents: demo.memberPriceCents,
      nonMemberPriceCents: demo.nonMemberPriceCents,
      maxSeatsPerOrganisation: demo.maxSeatsPerOrganisation,
      pedagogy: demoPedagogy(demo),
    });
    // The regime is the Chambre's: the default for the kind, or what its admin decides.
    if (offering.vatTreatment !== demo.vatTreatment) {
      await this.setVatTreatment.execute({
        actor: admin,
        offeringId: offering.id,
        vatTreatment: demo.vatTreatment,
      });
    }
    for (const session of demo.sessions) {
      const { startsAt, endsAt } = sessionTimes(session, demo.durationMinutes);
      const scheduled = await this.scheduleSession.execute({
        actor: consultant,
        offeringId: offering.id,
        startsAt,
        endsAt,
        capacity: session.capacity,
        location: session.location,
        remoteUrl: session.remoteUrl,
      });
      sessionIds.push(scheduled.id);
    }
    if (demo.slots) {
      const nextMonday = DateTime.now().setZone(PARIS_TIME_ZONE).startOf('week').plus({ weeks: 1 });
      await this.openSlots.execute({
        actor: consultant,
        offeringId: offering.id,
        pattern: {
          from: nextMonday.toISODate()!,
          to: nextMonday.plus({ weeks: demo.slots.weeks, days: -1 }).toISODate()!,
          weekdays: demo.slots.weekdays,
          startTimes: demo.slots.startTimes,
        },
      });
    }
    if (demo.status !== 'draft') {
      await this.submitOffering.execute(consultant, offering.id);
      if (demo.status === 'published') await this.publishOffering.execute(admin, offering.id);
      if (demo.status === 'rejected') {
        await this.rejectOffering.execute(
          admin,
          offering.id,
          demo.rejectionReason ?? 'À préciser.',
        );
      }
    }
    return { demo, offeringId: offering.id, sessionIds };
  }
}

/** Local Paris start on the given day; a training longer than a working day ends at 17:00 on its last day. */
function sessionTimes(
  session: DemoSession,
  durationMinutes: number,
): { startsAt: Date; endsAt: Date } {
  const [hour, minute] = session.startTime.split(':').map(Number);
  const start = DateTime.now()
    .setZone(PARIS_TIME_ZONE)
    .startOf('day')
    .plus({ days: session.inDays })
    .set({ hour, minute });
  const days = Math.ceil(durationMinutes / MINUTES_PER_DAY);
  const end =
    days <= 1
      ? start.plus({ minutes: durationMinutes })
      : start.plus({ days: days - 1 }).set({ hour: 17, minute: 0 });
  return { startsAt: start.toJSDate(), endsAt: end.toJSDate() };
}
