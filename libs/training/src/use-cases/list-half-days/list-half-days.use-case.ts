import { Injectable } from '@nestjs/common';
import * as QRCode from 'qrcode';
import { Actor } from '@mutualis/identity';
import { AttendanceLinksService } from '../../services/attendance-links.service';
import { SessionAttendanceService } from '../../services/session-attendance.service';
import { TrainingSessionAccess } from '../../services/session-access';
import type { AttendanceStatus, HalfDayPeriod, SignatureKind } from '../../training.types';

export interface HalfDayCell {
  halfDayId: string;
  status: AttendanceStatus | null;
  signedAt: Date | null;
  signatureKind: SignatureKind | null;
  remote: boolean;
  minutesMissed: number;
  absenceReason: string | null;
  /** The trainee's personal link for this half-day, and it as a QR code (PNG data URL). */
  link: string;
  qrCode: string;
}

export interface SessionHalfDays {
  sessionId: string;
  offeringTitle: string;
  location: string | null;
  remote: boolean;
  signingMarginMinutes: number;
  scheduledMinutes: number;
  halfDays: {
    id: string;
    day: string;
    period: HalfDayPeriod;
    startsAt: Date;
    endsAt: Date;
    minutes: number;
    opensAt: Date;
    closesAt: Date;
    countersignedAt: Date | null;
    countersignerName: string | null;
  }[];
  trainees: {
    attendeeId: string;
    bookingId: string;
    name: string;
    attendedMinutes: number;
    cells: HalfDayCell[];
  }[];
}

async function qrCodeOf(link: string): Promise<string> {
  const svg = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** The consultant's attendance page: half-days × trainees, with each trainee's links and QR codes. */
@Injectable()
export class ListHalfDaysUseCase {
  constructor(
    private readonly access: TrainingSessionAccess,
    private readonly attendance: SessionAttendanceService,
    private readonly links: AttendanceLinksService,
  ) {}

  async execute(actor: Actor, sessionId: string): Promise<SessionHalfDays> {
    const session = await this.access.assertCanRun(actor, sessionId);
    const sheet = await this.attendance.of(sessionId);
    const windows = await Promise.all(sheet.halfDays.map((half) => this.links.windowOf(half)));
    const margin = sheet.halfDays[0]
      ? Math.round((sheet.halfDays[0].startsAt.getTime() - windows[0].opensAt.getTime()) / 60_000)
      : 0;
    const trainees = await Promise.all(
      sheet.trainees.map(async (trainee) => ({
        attendeeId: trainee.attendeeId,
        bookingId: trainee.bookingId,
        name: trainee.name,
        attendedMinutes: trainee.attendedMinutes,
        cells: await Promise.all(
          sheet.halfDays.map(async (half, at): Promise<HalfDayCell> => {
            const mark = trainee.marks[at];
            const link = this.links.urlOf(await this.links.tokenFor(half.id, trainee.attendeeId));
            return {
              halfDayId: half.id,
              status: mark?.status ?? null,
              signedAt: mark?.signedAt ?? null,
              signatureKind: mark?.signatureKind ?? null,
              remote: mark?.remote ?? false,
              minutesMissed: mark?.minutesMissed ?? 0,
              absenceReason: mark?.absenceReason ?? null,
              link,
              qrCode: await qrCodeOf(link),
            };
          }),
        ),
      })),
    );
    return {
      sessionId,
      offeringTitle: session.offeringTitle,
      location: session.location,
      remote: session.remoteUrl !== null && session.location === null,
      signingMarginMinutes: margin,
      scheduledMinutes: sheet.scheduledMinutes,
      halfDays: sheet.halfDays.map((half, at) => ({
        id: half.id,
        day: half.day,
        period: half.period,
        startsAt: half.startsAt,
        endsAt: half.endsAt,
        minutes: half.minutes,
        opensAt: windows[at].opensAt,
        closesAt: windows[at].closesAt,
        countersignedAt: half.countersignedAt,
        countersignerName: half.countersignerName,
      })),
      trainees,
    };
  }
}
