import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '@mutualis/core';
import { ListUsersUseCase, SetPlatformRolesUseCase, UserView } from '@mutualis/identity';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Roles } from '../http/auth/roles.decorator';
import { IdParams } from '../http/params.dto';
import { ListUsersQueryDto, SetRolesDto, UserDto, UserPageDto } from './dtos/user.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(
    private readonly listUsers: ListUsersUseCase,
    private readonly setPlatformRoles: SetPlatformRolesUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'All users (Chambre admin)' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQueryDto): Promise<Page<UserView>> {
    return this.listUsers.execute({
      search: query.q,
      role: query.role,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  @Put(':id/roles')
  @ApiOperation({ summary: 'Set a user’s platform roles (admin, finance, consultant)' })
  @ApiOkResponse({ type: UserDto })
  setRoles(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: SetRolesDto,
  ): Promise<UserView> {
    return this.setPlatformRoles.execute(actor, params.id, body.roles);
  }
}
