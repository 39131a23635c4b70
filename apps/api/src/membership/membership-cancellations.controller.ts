import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CancellationView, CancelMembershipUseCase } from '@mutualis/membership';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Roles } from '../http/auth/roles.decorator';
import {
  MembershipCancellationDto,
  CancelMembershipDto,
  MembershipYearCancelParams,
} from './dtos/campaign.dto';

@ApiTags('membership')
@ApiBearerAuth()
@Controller('organisations')
export class MembershipCancellationsController {
  constructor(private readonly cancelMembership: CancelMembershipUseCase) {}

  @Post(':id/memberships/:year/cancel')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Cancel a membership (the organisation leaves): a credit note of what its invoice still asks for, status cancelled',
  })
  @ApiOkResponse({ type: MembershipCancellationDto })
  @ApiNotFoundResponse({ description: 'No membership of that year.' })
  cancel(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: MembershipYearCancelParams,
    @Body() body: CancelMembershipDto,
  ): Promise<CancellationView> {
    return this.cancelMembership.execute({
      actor,
      organisationId: params.id,
      year: params.year,
      reason: body.reason,
    });
  }
}
