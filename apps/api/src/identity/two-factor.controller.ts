import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ConfirmTwoFactorEnrolmentUseCase,
  DisableTwoFactorUseCase,
  GetTwoFactorStatusUseCase,
  RegenerateRecoveryCodesUseCase,
  StartTwoFactorEnrolmentUseCase,
  TwoFactorEnrolment,
  TwoFactorStatus,
} from '@mutualis/identity';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import {
  assertOneOf,
  ConfirmEnrolmentDto,
  RecoveryCodesDto,
  TwoFactorEnrolmentDto,
  TwoFactorProofDto,
  TwoFactorStatusDto,
} from './dtos/two-factor.dto';

const PROOFS = ['code', 'recoveryCode', 'password'];

/** The caller's two-factor authentication (TOTP, RFC 6238) and recovery codes. */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('me/two-factor')
export class TwoFactorController {
  constructor(
    private readonly getStatus: GetTwoFactorStatusUseCase,
    private readonly startEnrolment: StartTwoFactorEnrolmentUseCase,
    private readonly confirmEnrolment: ConfirmTwoFactorEnrolmentUseCase,
    private readonly disableTwoFactor: DisableTwoFactorUseCase,
    private readonly regenerateCodes: RegenerateRecoveryCodesUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Whether two-factor authentication is on, pending or required' })
  @ApiOkResponse({ type: TwoFactorStatusDto })
  status(@CurrentActor() actor: AuthenticatedActor): Promise<TwoFactorStatus> {
    return this.getStatus.execute(actor.userId);
  }

  @Post('enrolment')
  @ApiOperation({
    summary: 'Start enrolling an authenticator app: a new secret, pending until confirmed',
  })
  @ApiCreatedResponse({ type: TwoFactorEnrolmentDto })
  start(@CurrentActor() actor: AuthenticatedActor): Promise<TwoFactorEnrolment> {
    return this.startEnrolment.execute(actor.userId);
  }

  @Post('enrolment/confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Turn two-factor authentication on with a first code; answers the recovery codes once',
  })
  @ApiOkResponse({ type: RecoveryCodesDto })
  confirm(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: ConfirmEnrolmentDto,
  ): Promise<{ recoveryCodes: string[] }> {
    return this.confirmEnrolment.execute(actor.userId, body.code);
  }

  @Post('disable')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Turn two-factor authentication off (not for admins and finance staff)',
    description: 'Needs one of: a current code, a recovery code, the password.',
  })
  @ApiNoContentResponse()
  async disable(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: TwoFactorProofDto,
  ): Promise<void> {
    assertOneOf(body, PROOFS);
    await this.disableTwoFactor.execute(actor.userId, body);
  }

  @Post('recovery-codes')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'New recovery codes; the old ones stop working',
    description: 'Needs one of: a current code, a recovery code, the password.',
  })
  @ApiOkResponse({ type: RecoveryCodesDto })
  regenerate(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: TwoFactorProofDto,
  ): Promise<{ recoveryCodes: string[] }> {
    assertOneOf(body, PROOFS);
    return this.regenerateCodes.execute(actor.userId, body);
  }
}
