import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AcceptInvitationUseCase,
  GetInvitationUseCase,
  InvitationPreview,
} from '@mutualis/identity';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Public } from '../http/auth/public.decorator';
import { AcceptedInvitationDto, InvitationPreviewDto, TokenParams } from './dtos/organisation.dto';

@ApiTags('organisations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly getInvitation: GetInvitationUseCase,
    private readonly acceptInvitation: AcceptInvitationUseCase,
  ) {}

  @Public()
  @Get(':token')
  @ApiOperation({ summary: 'What an invitation link offers' })
  @ApiOkResponse({ type: InvitationPreviewDto })
  preview(@Param() params: TokenParams): Promise<InvitationPreview> {
    return this.getInvitation.execute(params.token);
  }

  @Post(':token/accept')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Join the organisation (the invited e-mail address only)' })
  @ApiOkResponse({ type: AcceptedInvitationDto })
  accept(@CurrentActor() actor: AuthenticatedActor, @Param() params: TokenParams) {
    return this.acceptInvitation.execute(actor, params.token);
  }
}
