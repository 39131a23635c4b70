import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource } from 'typeorm';
import type { DeliveryMode, OfferingKind, OfferingStatus, SessionStatus } from '../catalogue.types';
import type { TrainingPedagogy } from '../training-pedagogy';
import type { VatTreatment } from '../vat-regimes';
import { ConsultationSlot } from '../entities/consultation-slot.entity';
import { Offering } from '../entities/offering.entity';
import { TrainingSession } from '../entities/training-session.entity';

export interface OfferingFacts {
  offeringId: string;
  title: string;
  consultantId: string;
  status: OfferingStatus;
  rejectionReason: string | null;
}

/** What a training's programme and convocations print of its offering (the live version). */
export interface TrainingContentFacts {
  offeringId: string;
  title: string;
  summary: string;
  kind: OfferingKind;
  status: OfferingStatus;
  consultantId: string;
  deliveryMode: DeliveryMode;
  durationMinutes: number;
  memberPriceCents: number;
  nonMemberPriceCents: number;
  vatTreatment: VatTreatment;
  /** Null when not written (a consultation, or a training published before it was required). */
  pedagogy: TrainingPedagogy | null;
  updatedAt: Date;
}

export interface SessionFacts {
  sessionId: string;
  offeringId: string;
  offeringTitle: string;
  consultantId: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  remoteUrl: string | null;
  status: SessionStatus;
  capacity: number;
  seatsTaken: number;
  cancellationReason: string | null;
}

/** What was booked, as booking's facts for invoices and notices need it. */
export interface BookedServiceFacts {
  offeringId: string;
  offeringTitle: string;
  /** Fixed once the offering is submitted, so the same as when it was booked. */
  offeringKind: OfferingKind;
  consultantId: string;
  /** The session's or slot's end; null when the booking names neither any more. */
  endsAt: Date | null;
  location: string | null;
  remoteUrl: string | null;
  /** The session's capacity and seats taken now (null for a slot). */
  capacity: number | null;
  seatsTaken: number | null;
}

/** What downstream contexts (notifications) read of offerings and sessions, in one place. */
@Injectable()
export class CatalogueFactsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async offering(offeringId: string): Promise<OfferingFacts | null> {
    const offering = await this.dataSource.manager.findOne(Offering, {
      where: { id: offeringId },
    });
    if (!offering) return null;
    return {
      offeringId: offering.id,
      title: offering.title,
      consultantId: offering.consultantId,
      status: offering.status,
      rejectionReason: offering.rejectionReason,
    };
  }

  async trainingContent(offeringId: string): Promise<TrainingContentFacts | null> {
    const offering = await this.dataSource.manager.findOne(Offering, {
      where: { id: offeringId },
    });
    if (!offering) return null;
    return {
      offeringId: offering.id,
      title: offering.title,
      summary: offering.summary,
      kind: offering.kind,
      status: offering.status,
      consultantId: offering.consultantId,
      deliveryMode: offering.deliveryMode,
      durationMinutes: offering.durationMinutes,
      memberPriceCents: offering.memberPriceCents,
      nonMemberPriceCents: offering.nonMemberPriceCents,
      vatTreatment: offering.vatTreatment,
      pedagogy: offering.pedagogy,
      updatedAt: offering.updatedAt,
    };
  }

  async session(sessionId: string): Promise<SessionFacts | null> {
    const session = await this.dataSource.manager.findOne(TrainingSession, {
      where: { id: sessionId },
    });
    if (!session) return null;
    const offering = await this.dataSource.manager.findOneOrFail(Offering, {
      select: { id: true, title: true, consultantId: true },
      where: { id: session.offeringId },
    });
    return {
      sessionId: session.id,
      offeringId: offering.id,
      offeringTitle: offering.title,
      consultantId: offering.consultantId,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      location: session.location,
      remoteUrl: session.remoteUrl,
      status: session.status,
      capacity: session.capacity,
      seatsTaken: session.seatsTaken,
      cancellationReason: session.cancellationReason,
    };
  }

  /** Scheduled sessions starting in [from, to), e.g. tomorrow's, for the attendee lists. */
  async scheduledSessionIdsStarting(from: Date, to: Date): Promise<string[]> {
    const sessions = await this.dataSource.manager.find(TrainingSession, {
      select: { id: true, startsAt: true },
      where: { status: 'scheduled', startsAt: Between(from, new Date(to.getTime() - 1)) },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
    return sessions.map((session) => session.id);
  }

  /**
   * The offering, and the session or slot, a booking names: read together (one round trip, in
   * parallel) because every invoice and notice of a booking starts here. Null when the
   * offering is gone.
   */
  async bookedService(booked: {
    offeringId: string;
    sessionId: string | null;
    slotId: string | null;
  }): Promise<BookedServiceFacts | null> {
    const manager = this.dataSource.manager;
    const [offering, session, slot] = await Promise.all([
      manager.findOne(Offering, { where: { id: booked.offeringId } }),
      booked.sessionId
        ? manager.findOne(TrainingSession, { where: { id: booked.sessionId } })
        : null,
      booked.slotId ? manager.findOne(ConsultationSlot, { where: { id: booked.slotId } }) : null,
    ]);
    if (!offering) return null;
    return {
      offeringId: offering.id,
      offeringTitle: offering.title,
      offeringKind: offering.kind,
      consultantId: offering.consultantId,
      endsAt: session?.endsAt ?? slot?.endsAt ?? null,
      location: session?.location ?? null,
      remoteUrl: session?.remoteUrl ?? null,
      capacity: session?.capacity ?? null,
      seatsTaken: session?.seatsTaken ?? null,
    };
  }

  /** The offering a session belongs to, or null when there is no such session. */
  async offeringIdOfSession(sessionId: string): Promise<string | null> {
    const session = await this.dataSource.manager.findOne(TrainingSession, {
      select: { id: true, offeringId: true },
      where: { id: sessionId },
    });
    return session?.offeringId ?? null;
  }
}
