import { Body, Controller, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { Request } from 'express';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiServiceUnavailableResponse,
  ApiTooManyRequestsResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  BeginSignInUseCase,
  CompleteMfaSignInUseCase,
  MfaChallenge,
  EndSessionUseCase,
  normaliseEmail,
  RefreshSessionUseCase,
  SignUpUseCase,
  User,
} from '@mutualis/identity';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { LocalAuthGuard } from '../http/auth/local-auth.guard';
import { Public } from '../http/auth/public.decorator';
import { RateLimited } from '../http/rate-limit/rate-limit';
import { LoginDto, LogoutDto, RefreshDto, RegisterDto, TokensDto } from './dtos/auth.dto';
import { RegistrationAcceptedDto } from './dtos/account.dto';
import { CurrentUser } from './current-user.decorator';
import { SessionTokens } from '@mutualis/identity';
import { assertOneOf, LoginMfaDto, MfaChallengeDto } from './dtos/two-factor.dto';

@ApiTags('auth')
@ApiExtraModels(TokensDto, MfaChallengeDto)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signUp: SignUpUseCase,
    private readonly refreshSession: RefreshSessionUseCase,
    private readonly endSession: EndSessionUseCase,
    private readonly beginSignIn: BeginSignInUseCase,
    private readonly completeMfaSignIn: CompleteMfaSignInUseCase,
  ) {}

  @Public()
  @RateLimited('register')
  @Post('register')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary:
      'Create an account; the same 202 whether or not the address has one (a new account gets a verification link, an existing one a notice)',
  })
  @ApiAcceptedResponse({ type: RegistrationAcceptedDto })
  @ApiTooManyRequestsResponse({ description: 'Too many registrations from this address.' })
  async register(@Body() body: RegisterDto): Promise<RegistrationAcceptedDto> {
    await this.signUp.execute(body);
    // The address as it is kept: the same answer for every spelling, account or not.
    return { email: normaliseEmail(body.email), next: 'check_your_inbox' };
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
    description:
      'Too many attempts for this e-mail from this address, or from this address at all; see Retry-After.',
  })
  @ApiServiceUnavailableResponse({
    description: 'Too many passwords are being checked right now; see Retry-After.',
  })
  login(@CurrentUser() user: User, @Req() request: Request): Promise<SessionTokens | MfaChallenge> {
    return this.beginSignIn.execute(user.id, sessionClientOf(request));
  }

  @Public()
  @Post('login/mfa')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Second step of a sign-in: the challenge token with a code or a recovery code',
  })
  @ApiOkResponse({ type: TokensDto })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong codes for this account.' })
  loginMfa(@Body() body: LoginMfaDto, @Req() request: Request): Promise<SessionTokens> {
    assertOneOf(body, ['code', 'recoveryCode']);
    return this.completeMfaSignIn.execute(body.mfaToken, body, sessionClientOf(request));
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

/** What a sign-in request says of where it comes from, shown to the user in "my sessions". */
function sessionClientOf(request: Request): {
  userAgent: string | null;
  clientAddress: string | null;
} {
  return { userAgent: request.get('user-agent') ?? null, clientAddress: request.ip ?? null };
}
