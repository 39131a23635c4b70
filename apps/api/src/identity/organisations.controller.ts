import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTooManyRequestsResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreateOrganisationUseCase,
  GetOrganisationUseCase,
  InviteMemberUseCase,
  IssuedInvitation,
  ListMembershipsUseCase,
  ListOrganisationsUseCase,
  ChangeOrganisationRoleUseCase,
  ListOrganisationPeopleUseCase,
  RemoveFromOrganisationUseCase,
  MembershipView,
  OrganisationView,
  SetMembershipUseCase,
  UpdateOrganisationUseCase,
} from '@mutualis/identity';
import { Page } from '@mutualis/core';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Roles } from '../http/auth/roles.decorator';
import { IdParams } from '../http/params.dto';
import {
  ChangeMemberRoleDto,
  CreateOrganisationDto,
  InvitationDto,
  InviteDto,
  ListOrganisationsQueryDto,
  MemberDto,
  MemberParams,
  MembershipDto,
  MembershipYearParams,
  OrganisationDto,
  OrganisationPageDto,
  SetMembershipDto,
  UpdateOrganisationDto,
} from './dtos/organisation.dto';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly createOrganisation: CreateOrganisationUseCase,
    private readonly getOrganisation: GetOrganisationUseCase,
    private readonly updateOrganisation: UpdateOrganisationUseCase,
    private readonly listOrganisations: ListOrganisationsUseCase,
    private readonly inviteMember: InviteMemberUseCase,
    private readonly listPeople: ListOrganisationPeopleUseCase,
    private readonly changeOrganisationRole: ChangeOrganisationRoleUseCase,
    private readonly removeFromOrganisation: RemoveFromOrganisationUseCase,
    private readonly setMembership: SetMembershipUseCase,
    private readonly listMemberships: ListMembershipsUseCase,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Register an organisation; the caller becomes its org_admin, membership pending',
  })
  @ApiCreatedResponse({ type: OrganisationDto })
  create(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: CreateOrganisationDto,
  ): Promise<OrganisationView> {
    return this.createOrganisation.execute({ actor, ...body });
  }

  @Get()
  @Roles('admin', 'finance')
  @ApiOperation({ summary: 'All organisations (Chambre staff)' })
  @ApiOkResponse({ type: OrganisationPageDto })
  list(@Query() query: ListOrganisationsQueryDto): Promise<Page<OrganisationView>> {
    return this.listOrganisations.execute({
      search: query.q,
      department: query.department,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'An organisation the caller belongs to (staff: any)' })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not one of the caller’s organisations.' })
  get(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
  ): Promise<OrganisationView> {
    return this.getOrganisation.execute(actor, params.id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit an organisation (its org_admin, or a Chambre admin)' })
  @ApiOkResponse({ type: OrganisationDto })
  update(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: UpdateOrganisationDto,
  ): Promise<OrganisationView> {
    return this.updateOrganisation.execute({ actor, organisationId: params.id, ...body });
  }

  @Post(':id/invitations')
  @ApiOperation({ summary: 'Invite someone by e-mail to join the organisation (org_admin)' })
  @ApiCreatedResponse({ type: InvitationDto })
  @ApiTooManyRequestsResponse({
    description:
      "The organisation's or the inviter's quota of invitations in 24 hours is used up: the problem names the `quota`, its `limit` and `resetsAt`; see Retry-After.",
  })
  invite(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: InviteDto,
  ): Promise<IssuedInvitation> {
    return this.inviteMember.execute({
      actor,
      organisationId: params.id,
      email: body.email,
      role: body.role,
    });
  }

  @Get(':id/members')
  @ApiOperation({ summary: 'The people of the organisation and their roles' })
  @ApiOkResponse({ type: [MemberDto] })
  members(@CurrentActor() actor: AuthenticatedActor, @Param() params: IdParams) {
    return this.listPeople.execute(actor, params.id);
  }

  @Put(':id/members/:userId/role')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Change a member’s role (org_admin); the last admin stays admin' })
  @ApiNoContentResponse()
  async changeRole(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: MemberParams,
    @Body() body: ChangeMemberRoleDto,
  ): Promise<void> {
    await this.changeOrganisationRole.execute(actor, params.id, params.userId, body.role);
  }

  @Delete(':id/members/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a member (org_admin), or leave the organisation (oneself)' })
  @ApiNoContentResponse()
  async removeMember(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: MemberParams,
  ): Promise<void> {
    await this.removeFromOrganisation.execute(actor, params.id, params.userId);
  }

  @Get(':id/memberships')
  @ApiOperation({ summary: 'The organisation’s membership (adhésion), year by year' })
  @ApiOkResponse({ type: [MembershipDto] })
  memberships(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
  ): Promise<MembershipView[]> {
    return this.listMemberships.execute(actor, params.id);
  }

  @Put(':id/memberships/:year')
  @Roles('admin')
  @ApiOperation({ summary: 'Set the membership (adhésion) of a year (Chambre admin)' })
  @ApiOkResponse({ type: MembershipDto })
  putMembership(
    @Param() params: MembershipYearParams,
    @Body() body: SetMembershipDto,
  ): Promise<MembershipView> {
    return this.setMembership.execute({
      organisationId: params.id,
      year: params.year,
      status: body.status,
      feeCents: body.feeCents,
    });
  }
}
