import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  CancelSlotUseCase,
  ListFreeSlotsUseCase,
  ListSessionsUseCase,
  OpenSlotsUseCase,
  ScheduleSessionUseCase,
  SessionView,
  SlotView,
} from '@mutualis/catalogue';
import {
  AuthenticatedActor,
  CurrentActor,
  OptionalActor,
} from '../http/auth/current-actor.decorator';
import { OptionalAuth } from '../http/auth/optional-auth.decorator';
import { IdParams } from '../http/params.dto';
import {
  OpenSlotsDto,
  PricingQueryDto,
  ScheduleSessionDto,
  SessionDto,
  SlotDto,
} from './dtos/schedule.dto';

@ApiTags('catalogue')
@Controller()
export class ScheduleController {
  constructor(
    private readonly scheduleSession: ScheduleSessionUseCase,
    private readonly listSessions: ListSessionsUseCase,
    private readonly openSlots: OpenSlotsUseCase,
    private readonly listFreeSlots: ListFreeSlotsUseCase,
    private readonly cancelSlot: CancelSlotUseCase,
  ) {}

  @Post('offerings/:id/sessions')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Schedule a session of a training offering (owner, admin)' })
  @ApiCreatedResponse({ type: SessionDto })
  schedule(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: ScheduleSessionDto,
  ): Promise<SessionView> {
    return this.scheduleSession.execute({
      actor,
      offeringId: params.id,
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
      capacity: body.capacity,
      location: body.location,
      remoteUrl: body.remoteUrl,
      registrationDeadline: body.registrationDeadline
        ? new Date(body.registrationDeadline)
        : undefined,
    });
  }

  @Get('offerings/:id/sessions')
  @OptionalAuth()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Upcoming sessions with seats left and the caller’s price (owner, admin: all)',
  })
  @ApiOkResponse({ type: [SessionDto] })
  sessions(
    @OptionalActor() actor: AuthenticatedActor | null,
    @Param() params: IdParams,
    @Query() query: PricingQueryDto,
  ): Promise<SessionView[]> {
    return this.listSessions.execute(actor, params.id, query.organisationId);
  }

  @Post('offerings/:id/slots')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Open consultation slots, one by one or as a weekly pattern (owner); all or none',
  })
  @ApiCreatedResponse({ type: [SlotDto] })
  open(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: OpenSlotsDto,
  ): Promise<SlotView[]> {
    return this.openSlots.execute({
      actor,
      offeringId: params.id,
      slots: body.slots?.map((slot) => ({
        startsAt: new Date(slot.startsAt),
        endsAt: new Date(slot.endsAt),
      })),
      pattern: body.pattern,
    });
  }

  @Get('offerings/:id/slots')
  @OptionalAuth()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Free consultation slots to come, with the caller’s price' })
  @ApiOkResponse({ type: [SlotDto] })
  slots(
    @OptionalActor() actor: AuthenticatedActor | null,
    @Param() params: IdParams,
    @Query() query: PricingQueryDto,
  ): Promise<SlotView[]> {
    return this.listFreeSlots.execute(actor, params.id, query.organisationId);
  }

  @Delete('slots/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Withdraw a free slot (owner, admin)' })
  @ApiNoContentResponse()
  async withdraw(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
  ): Promise<void> {
    await this.cancelSlot.execute(actor, params.id);
  }
}
