import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import {
  ChangePasswordUseCase,
  LoginSessionView,
  ListLoginSessionsUseCase,
  RevokeLoginSessionUseCase,
  RevokeOtherLoginSessionsUseCase,
  RequestEmailChangeUseCase,
  RequestEmailVerificationUseCase,
  RequestPasswordResetUseCase,
  ResetPasswordUseCase,
  VerifyEmailUseCase,
} from '@mutualis/identity';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Public } from '../http/auth/public.decorator';
import { IdParams } from '../http/params.dto';
import { RateLimited } from '../http/rate-limit/rate-limit';
import {
  ChangeEmailDto,
  ChangePasswordDto,
  LoginSessionDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RevokedSessionsDto,
  VerifyEmailDto,
} from './dtos/account.dto';

/** The account lifecycle: verification, password reset and change, address change, sessions. */
@ApiTags('account')
@Controller()
export class AccountController {
  constructor(
    private readonly requestPasswordReset: RequestPasswordResetUseCase,
    private readonly resetPassword: ResetPasswordUseCase,
    private readonly verifyEmail: VerifyEmailUseCase,
    private readonly requestVerification: RequestEmailVerificationUseCase,
    private readonly changePassword: ChangePasswordUseCase,
    private readonly requestEmailChange: RequestEmailChangeUseCase,
    private readonly listSessions: ListLoginSessionsUseCase,
    private readonly revokeSession: RevokeLoginSessionUseCase,
    private readonly revokeOtherSessions: RevokeOtherLoginSessionsUseCase,
  ) {}

  @Public()
  @RateLimited('password-reset')
  @Post('auth/password-reset')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Ask for a password reset link; answers 202 whether or not the address has an account',
  })
  @ApiAcceptedResponse()
  @ApiTooManyRequestsResponse({
    description: 'Too many requests from this address or for this e-mail.',
  })
  async passwordReset(@Body() body: PasswordResetRequestDto): Promise<void> {
    await this.requestPasswordReset.execute(body.email);
  }

  @Public()
  @Post('auth/password-reset/confirm')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Set a new password with a reset link; every session is signed out' })
  @ApiNoContentResponse()
  async passwordResetConfirm(@Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.resetPassword.execute(body);
  }

  @Public()
  @Post('auth/verify-email')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Follow a verification link (sign-up, or a change of address)' })
  @ApiNoContentResponse()
  async verify(@Body() body: VerifyEmailDto): Promise<void> {
    await this.verifyEmail.execute(body.token);
  }

  @Post('me/verification-email')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Send a new verification link to the caller’s address' })
  @ApiAcceptedResponse()
  @ApiTooManyRequestsResponse({ description: 'One was sent moments ago.' })
  async resendVerification(@CurrentActor() actor: AuthenticatedActor): Promise<void> {
    await this.requestVerification.execute(actor.userId);
  }

  @Put('me/password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change the password; every other session is signed out' })
  @ApiNoContentResponse()
  async password(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    await this.changePassword.execute({
      userId: actor.userId,
      sessionId: actor.sessionId,
      currentPassword: body.currentPassword,
      newPassword: body.newPassword,
    });
  }

  @Post('me/email')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Ask to change the address: a link goes to the new one and the change waits for it; the current address is told',
  })
  @ApiAcceptedResponse()
  async email(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: ChangeEmailDto,
  ): Promise<void> {
    await this.requestEmailChange.execute({
      userId: actor.userId,
      newEmail: body.newEmail,
      currentPassword: body.currentPassword,
    });
  }

  @Get('me/sessions')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller’s signed-in sessions, most recently used first' })
  @ApiOkResponse({ type: [LoginSessionDto] })
  list(@CurrentActor() actor: AuthenticatedActor): Promise<LoginSessionView[]> {
    return this.listSessions.execute(actor.userId, actor.sessionId);
  }

  @Delete('me/sessions')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out every session but this one' })
  @ApiOkResponse({ type: RevokedSessionsDto })
  async revokeOthers(@CurrentActor() actor: AuthenticatedActor): Promise<RevokedSessionsDto> {
    return { revoked: await this.revokeOtherSessions.execute(actor.userId, actor.sessionId) };
  }

  @Delete('me/sessions/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out one of the caller’s sessions (this one too, if named)' })
  @ApiNoContentResponse()
  async revoke(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
  ): Promise<void> {
    await this.revokeSession.execute(actor.userId, params.id);
  }
}
