import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  FeeOverrideView,
  FeeScheduleView,
  GetFeeScheduleUseCase,
  SetFeeOverrideUseCase,
  SetFeeScheduleUseCase,
} from '@mutualis/membership';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Public } from '../http/auth/public.decorator';
import { Roles } from '../http/auth/roles.decorator';
import {
  FeeOverrideBodyDto,
  FeeOverrideDto,
  FeeScheduleBodyDto,
  FeeScheduleDto,
  OrganisationYearParams,
  YearParams,
} from './membership.dto';

@ApiTags('membership')
@Controller()
export class FeeSchedulesController {
  constructor(
    private readonly getFeeSchedule: GetFeeScheduleUseCase,
    private readonly setFeeSchedule: SetFeeScheduleUseCase,
    private readonly setFeeOverride: SetFeeOverrideUseCase,
  ) {}

  @Get('membership/fee-schedules/:year')
  @Public()
  @ApiOperation({ summary: 'The year’s grid of cotisations, with the VAT mention invoices print' })
  @ApiOkResponse({ type: FeeScheduleDto })
  @ApiNotFoundResponse({ description: 'No grid for that year (fee_schedule_not_found).' })
  get(@Param() params: YearParams): Promise<FeeScheduleView> {
    return this.getFeeSchedule.execute(params.year);
  }

  @Put('membership/fee-schedules/:year')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Set the year’s grid as a whole (admin); audited' })
  @ApiOkResponse({ type: FeeScheduleDto })
  @ApiUnprocessableEntityResponse({
    description: 'Two brackets of one family and basis overlap (overlapping_fee_brackets).',
  })
  put(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: YearParams,
    @Body() body: FeeScheduleBodyDto,
  ): Promise<FeeScheduleView> {
    return this.setFeeSchedule.execute({ ...body, year: params.year, userId: actor.userId });
  }

  @Put('organisations/:id/membership-fees/:year')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Set an organisation’s fee for a year, with a reason (admin); wins over the grid',
  })
  @ApiOkResponse({ type: FeeOverrideDto })
  override(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: OrganisationYearParams,
    @Body() body: FeeOverrideBodyDto,
  ): Promise<FeeOverrideView> {
    return this.setFeeOverride.execute({
      organisationId: params.id,
      year: params.year,
      amountCents: body.amountCents,
      reason: body.reason,
      userId: actor.userId,
    });
  }
}
