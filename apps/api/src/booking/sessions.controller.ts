import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  AttendanceResult,
  AttendeeListEntry,
  CancelSessionWithBookingsUseCase,
  ListAttendeesUseCase,
  MarkAttendanceUseCase,
  SessionCancellation,
} from '@mutualis/booking';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { IdParams } from '../http/params.dto';
import { CancelSessionDto, SessionDto } from '../catalogue/dtos/schedule.dto';
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
  ) {}

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
