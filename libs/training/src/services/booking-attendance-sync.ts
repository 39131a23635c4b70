import { Injectable, Logger } from '@nestjs/common';
import {
  Attendance,
  BookingErrorCode,
  BookingException,
  MarkAttendanceUseCase,
} from '@mutualis/booking';
import { Actor } from '@mutualis/identity';
import { SessionAttendanceService } from './session-attendance.service';

/**
 * Keeps booking's present/absent flag per attendee in step with the half-days, so the screens
 * and rules that read it stay right: present on any half-day is present; absent once recorded
 * absent (or unsigned on a countersigned half-day) and present on none. Undecided trainees are
 * left as they are. Runs through booking's own use case, as the consultant who acted.
 */
@Injectable()
export class BookingAttendanceSync {
  private readonly logger = new Logger(BookingAttendanceSync.name);

  constructor(
    private readonly attendance: SessionAttendanceService,
    private readonly markAttendance: MarkAttendanceUseCase,
  ) {}

  async sync(actor: Actor, sessionId: string): Promise<void> {
    const sheet = await this.attendance.of(sessionId);
    const marks = sheet.trainees.flatMap(
      (trainee): { attendeeId: string; attendance: Attendance }[] => {
        const present = trainee.marks.some((mark) => mark?.status === 'present');
        const absent = trainee.marks.some(
          (mark, at) =>
            mark?.status === 'absent' || (!mark && sheet.halfDays[at].countersignedAt !== null),
        );
        if (present) return [{ attendeeId: trainee.attendeeId, attendance: 'present' }];
        if (absent) return [{ attendeeId: trainee.attendeeId, attendance: 'absent' }];
        return [];
      },
    );
    if (marks.length === 0) return;
    try {
      await this.markAttendance.execute(actor, sessionId, marks);
    } catch (error) {
      // Before the session's start booking takes no marks: the next countersignature syncs.
      if (error instanceof BookingException && error.code === BookingErrorCode.AttendanceTooEarly) {
        this.logger.log(`session ${sessionId}: attendance kept for booking until it begins`);
        return;
      }
      throw error;
    }
  }
}
