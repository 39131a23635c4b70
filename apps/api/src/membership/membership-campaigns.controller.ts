import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Page } from '@mutualis/core';
import {
  CampaignView,
  GetCampaignUseCase,
  LaunchCampaignUseCase,
  ListMembersUseCase,
  MemberView,
  RetryCampaignUseCase,
} from '@mutualis/membership';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Roles } from '../http/auth/roles.decorator';
import { IdParams } from '../http/params.dto';
import {
  CampaignDto,
  CampaignYearQueryDto,
  LaunchCampaignDto,
  ListMembersQueryDto,
  MemberPageDto,
} from './dtos/campaign.dto';

@ApiTags('membership')
@ApiBearerAuth()
@Controller('membership')
export class MembershipCampaignsController {
  constructor(
    private readonly launchCampaign: LaunchCampaignUseCase,
    private readonly getCampaign: GetCampaignUseCase,
    private readonly retryCampaign: RetryCampaignUseCase,
    private readonly listMembers: ListMembersUseCase,
  ) {}

  @Post('campaigns')
  @Roles('admin')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Launch the renewal campaign of a year (one per year: launching again answers it)',
  })
  @ApiAcceptedResponse({ type: CampaignDto })
  launch(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: LaunchCampaignDto,
  ): Promise<CampaignView> {
    return this.launchCampaign.execute({ actor, year: body.year });
  }

  @Get('campaigns')
  @Roles('admin')
  @ApiOperation({ summary: 'The renewal campaign of a year, with its progress' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiNotFoundResponse({ description: 'No campaign for that year.' })
  byYear(@Query() query: CampaignYearQueryDto): Promise<CampaignView> {
    return this.getCampaign.byYear(query.year);
  }

  @Get('campaigns/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'A renewal campaign’s progress: counts by status and failures' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiNotFoundResponse()
  byId(@Param() params: IdParams): Promise<CampaignView> {
    return this.getCampaign.byId(params.id);
  }

  @Post('campaigns/:id/retry')
  @Roles('admin')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send the campaign’s failed items back to the worker' })
  @ApiAcceptedResponse({ type: CampaignDto })
  @ApiNotFoundResponse()
  retry(@Param() params: IdParams): Promise<CampaignView> {
    return this.retryCampaign.execute(params.id);
  }

  @Get('members')
  @Roles('admin')
  @ApiOperation({ summary: 'The members of a year: paid, unpaid or lapsed' })
  @ApiOkResponse({ type: MemberPageDto })
  members(@Query() query: ListMembersQueryDto): Promise<Page<MemberView>> {
    return this.listMembers.execute(query);
  }
}
