import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  AttendanceResult,
  AttendeeListEntry,
  CancelSessionWithBookingsUseCase,
  ListAttendeesUseCase,
  MarkAttendanceUseCase,
  RescheduleSessionWithBookingsUseCase,
  SessionCancellation,
} from '@mutualis/booking';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { IdParams } from '../http/params.dto';
import { CancelSessionDto, RescheduleSessionDto, SessionDto } from '../catalogue/dtos/schedule.dto';
import type { SessionView } from '@mutualis/catalogue';
import {
  AttendanceResultDto,
  AttendeeListEntryDto,
  CancelledBookingDto,
  MarkAttendanceDto,
} from './dtos/booking.dto';

class SessionCancellationDto {
  @ApiProperty({ type: SessionDto }) session!: SessionDto;
  @ApiProperty({ type: [CancelledBookingDto] }) cancelledBookings!: CancelledBookingDto[];
}

@ApiTags('booking')
@ApiBearerAuth()
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly cancelSession: CancelSessionWithBookingsUseCase,
    private readonly listAttendees: ListAttendeesUseCase,
    private readonly markAttendance: MarkAttendanceUseCase,
    private readonly rescheduleSession: RescheduleSessionWithBookingsUseCase,
  ) {}

  @Patch(':id')
  @ApiOperation({
    summary: 'Move a session or change its place or remote link, before it begins (owner, admin)',
    description:
      'Fields left out stay as they are. Bookings follow the new start; trainees already convoked ' +
      'receive a revised convocation (session.rescheduled).',
  })
  @ApiOkResponse({ type: SessionDto })
  reschedule(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: RescheduleSessionDto,
  ): Promise<SessionView> {
    return this.rescheduleSession.execute({
      actor,
      sessionId: params.id,
      startsAt: body.startsAt ? new Date(body.startsAt) : undefined,
      endsAt: body.endsAt ? new Date(body.endsAt) : undefined,
      location: body.location,
      remoteUrl: body.remoteUrl,
    });
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Cancel a session and every booking on it, refunding in full (owner, admin)',
  })
  @ApiOkResponse({ type: SessionCancellationDto })
  cancel(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: CancelSessionDto,
  ): Promise<SessionCancellation> {
    return this.cancelSession.execute(actor, params.id, body.reason ?? null);
  }

  @Get(':id/attendees')
  @ApiOperation({ summary: 'The attendee list of a session (its consultant, admins)' })
  @ApiOkResponse({ type: [AttendeeListEntryDto] })
  attendees(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
  ): Promise<AttendeeListEntry[]> {
    return this.listAttendees.execute(actor, params.id);
  }

  @Post(':id/attendance')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Mark who attended, once the session has begun (its consultant, admins)',
  })
  @ApiOkResponse({ type: AttendanceResultDto })
  attendance(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: MarkAttendanceDto,
  ): Promise<AttendanceResult> {
    return this.markAttendance.execute(actor, params.id, body.attendees);
  }
}
