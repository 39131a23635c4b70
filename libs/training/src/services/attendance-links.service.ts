import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { BookingFactsService, SessionTraineeFacts } from '@mutualis/booking';
import { CatalogueFactsService, SessionFacts } from '@mutualis/catalogue';
import { Environment } from '@mutualis/core';
import {
  devicePass,
  readDevicePass,
  readSigningToken,
  signingToken,
  signingWindow,
} from '../domain/signing-link';
import { HalfDay } from '../entities/half-day.entity';
import { AttendanceRepository } from '../repositories/attendance.repository';
import { HalfDayRepository } from '../repositories/half-day.repository';
import { TrainingErrorCode, TrainingException } from '../training.exception';
import { TrainingSettingsService } from './training-settings.service';

/** What a signing link stands for, as read from the database when it is used. */
export interface ResolvedLink {
  halfDay: HalfDay;
  trainee: SessionTraineeFacts;
  session: SessionFacts;
  window: { opensAt: Date; closesAt: Date };
}

export function signingLinkInvalid(): TrainingException {
  return new TrainingException(
    TrainingErrorCode.SigningLinkInvalid,
    'this signing link is not valid: ask the trainer for yours',
  );
}

/**
 * Trainees' personal signing links (one per half-day) and the web page they open. Links are
 * derived from the half-day, the trainee and the Chambre's signing key (domain/signing-link.ts).
 */
@Injectable()
export class AttendanceLinksService {
  private readonly web: string;

  constructor(
    config: ConfigService<Environment, true>,
    private readonly attendance: AttendanceRepository,
    private readonly halfDays: HalfDayRepository,
    private readonly catalogue: CatalogueFactsService,
    private readonly bookings: BookingFactsService,
    private readonly settings: TrainingSettingsService,
  ) {
    this.web = config.get('PUBLIC_WEB_URL', { infer: true }).replace(/\/+$/, '');
  }

  async tokenFor(halfDayId: string, attendeeId: string, manager?: EntityManager): Promise<string> {
    return signingToken(await this.attendance.signingKey(manager), { halfDayId, attendeeId });
  }

  /**
   * The link as a message is sent (so the delivery log never holds it), on the sender's
   * connection; null once it can no longer be used (half-day countersigned or past its window).
   */
  async sendableUrl(
    halfDayId: string,
    attendeeId: string,
    now: Date,
    manager: EntityManager,
  ): Promise<string | null> {
    const halfDay = await this.halfDays.findById(halfDayId, manager);
    if (!halfDay || halfDay.countersignedAt) return null;
    const { signingMarginMinutes } = await this.settings.get(manager);
    if (now > signingWindow(halfDay, signingMarginMinutes).closesAt) return null;
    return this.urlOf(await this.tokenFor(halfDayId, attendeeId, manager));
  }

  /** The phone page a link opens (the web app's route /emargement/:token). */
  urlOf(token: string): string {
    return `${this.web}/emargement/${token}`;
  }

  async devicePassFor(sessionId: string, attendeeId: string): Promise<string> {
    return devicePass(await this.attendance.signingKey(), sessionId, attendeeId);
  }

  /** The trainee a phone proved it signed as before, on this session; null if none or forged. */
  async deviceTrainee(pass: string | undefined, sessionId: string): Promise<string | null> {
    if (!pass) return null;
    const read = readDevicePass(await this.attendance.signingKey(), pass);
    return read && read.sessionId === sessionId ? read.attendeeId : null;
  }

  async windowOf(half: HalfDay): Promise<{ opensAt: Date; closesAt: Date }> {
    const { signingMarginMinutes } = await this.settings.get();
    return signingWindow(half, signingMarginMinutes);
  }

  /**
   * The half-day, trainee and session a link names: a forged link, a trainee no longer on the
   * session (booking cancelled) or a cancelled session are all « not valid », never a 500.
   */
  async resolve(token: string, manager?: EntityManager): Promise<ResolvedLink> {
    const subject = readSigningToken(await this.attendance.signingKey(), token);
    if (!subject) throw signingLinkInvalid();
    const halfDay = await this.halfDays.findById(subject.halfDayId, manager);
    if (!halfDay) throw signingLinkInvalid();
    const [session, trainees] = await Promise.all([
      this.catalogue.session(halfDay.sessionId),
      this.bookings.traineesOfSession(halfDay.sessionId),
    ]);
    const trainee = trainees.find((candidate) => candidate.attendeeId === subject.attendeeId);
    if (!session || session.status === 'cancelled' || !trainee) throw signingLinkInvalid();
    return { halfDay, trainee, session, window: await this.windowOf(halfDay) };
  }
}
