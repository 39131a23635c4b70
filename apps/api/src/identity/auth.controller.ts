import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  BeginSignInUseCase,
  CompleteMfaSignInUseCase,
  MfaChallenge,
  EndSessionUseCase,
  presentUser,
  RefreshSessionUseCase,
  RegisterUserUseCase,
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
import { assertOneOf, LoginMfaDto, MfaChallengeDto } from './dtos/two-factor.dto';

@ApiTags('auth')
@ApiExtraModels(TokensDto, MfaChallengeDto)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly registerUser: RegisterUserUseCase,
    private readonly refreshSession: RefreshSessionUseCase,
    private readonly endSession: EndSessionUseCase,
    private readonly beginSignIn: BeginSignInUseCase,
    private readonly completeMfaSignIn: CompleteMfaSignInUseCase,
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
  @ApiOkResponse({
    description:
      'The tokens; or, for an account with two-factor authentication, a challenge to answer at POST /auth/login/mfa.',
    schema: {
      oneOf: [{ $ref: getSchemaPath(TokensDto) }, { $ref: getSchemaPath(MfaChallengeDto) }],
    },
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many attempts for this e-mail from this address; see Retry-After.',
  })
  login(@CurrentUser() user: User): Promise<SessionTokens | MfaChallenge> {
    return this.beginSignIn.execute(user.id);
  }

  @Public()
  @Post('login/mfa')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Second step of a sign-in: the challenge token with a code or a recovery code',
  })
  @ApiOkResponse({ type: TokensDto })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong codes for this account.' })
  loginMfa(@Body() body: LoginMfaDto): Promise<SessionTokens> {
    assertOneOf(body, ['code', 'recoveryCode']);
    return this.completeMfaSignIn.execute(body.mfaToken, body);
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
