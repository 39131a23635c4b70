import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiServiceUnavailableResponse,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import {
  EndSessionUseCase,
  presentUser,
  RefreshSessionUseCase,
  RegisterUserUseCase,
  StartSessionUseCase,
  User,
  UserView,
} from '@mutualis/identity';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { LocalAuthGuard } from '../http/auth/local-auth.guard';
import { Public } from '../http/auth/public.decorator';
import { RateLimited } from '../http/rate-limit/rate-limit';
import { LoginDto, LogoutDto, RefreshDto, RegisterDto, TokensDto } from './dtos/auth.dto';
import { UserDto } from './dtos/user.dto';
import { CurrentUser } from './current-user.decorator';
import { SessionTokens } from '@mutualis/identity';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly registerUser: RegisterUserUseCase,
    private readonly startSession: StartSessionUseCase,
    private readonly refreshSession: RefreshSessionUseCase,
    private readonly endSession: EndSessionUseCase,
  ) {}

  @Public()
  @RateLimited('register')
  @Post('register')
  @ApiOperation({ summary: 'Create an account' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiTooManyRequestsResponse({ description: 'Too many registrations from this address.' })
  async register(@Body() body: RegisterDto): Promise<UserView> {
    return presentUser(await this.registerUser.execute(body));
  }

  @Public()
  @RateLimited('login')
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Log in with e-mail and password' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: TokensDto })
  @ApiTooManyRequestsResponse({
    description:
      'Too many attempts for this e-mail from this address, or from this address at all; see Retry-After.',
  })
  @ApiServiceUnavailableResponse({
    description: 'Too many passwords are being checked right now; see Retry-After.',
  })
  login(@CurrentUser() user: User): Promise<SessionTokens> {
    return this.startSession.execute(user.id);
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Trade a refresh token for new tokens (the old one stops working)' })
  @ApiOkResponse({ type: TokensDto })
  refresh(@Body() body: RefreshDto): Promise<SessionTokens> {
    return this.refreshSession.execute(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the session: its refresh and access tokens stop working' })
  @ApiNoContentResponse()
  async logout(@CurrentActor() actor: AuthenticatedActor, @Body() body: LogoutDto): Promise<void> {
    await this.endSession.execute({
      familyId: actor.sessionId,
      userId: actor.userId,
      refreshToken: body.refreshToken,
    });
  }
}
