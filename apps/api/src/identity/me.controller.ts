import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetProfileUseCase, ProfileView } from '@mutualis/identity';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { ProfileDto } from './dtos/user.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly getProfile: GetProfileUseCase) {}

  @Get()
  @ApiOperation({ summary: 'The caller, their organisations and roles' })
  @ApiOkResponse({ type: ProfileDto })
  me(@CurrentActor() actor: AuthenticatedActor): Promise<ProfileView> {
    return this.getProfile.execute(actor.userId);
  }
}
