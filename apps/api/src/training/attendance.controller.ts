import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import {
  CountersignHalfDayUseCase,
  CountersignResult,
  GetSigningPageUseCase,
  ListHalfDaysUseCase,
  RecordAbsenceUseCase,
  SessionHalfDays,
  SignAttendanceUseCase,
  SignatureInput,
  SignedAttendance,
  SigningPage,
  TrainingErrorCode,
  TrainingException,
} from '@mutualis/training';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Public } from '../http/auth/public.decorator';
import { IdParams } from '../http/params.dto';
import {
  CountersignResultDto,
  RecordAbsenceDto,
  RecordMinutesMissedDto,
  SessionHalfDaysDto,
  SignatureDto,
  SignAttendanceDto,
  SignedAttendanceDto,
  SigningPageDto,
  SigningTokenParams,
} from './dtos/attendance.dto';

/** Exactly one of a drawn or a typed signature, else a 400 naming the field. */
function signatureOf(body: SignatureDto): SignatureInput {
  const drawn = body.signaturePng !== undefined;
  const typed = body.typedName !== undefined;
  if (drawn === typed) {
    const message = 'give a drawn signature (signaturePng) or a typed name (typedName), not both';
    throw new TrainingException(TrainingErrorCode.InvalidSignature, message, [
      { field: 'signaturePng', message },
    ]);
  }
  return drawn
    ? { kind: 'drawn', dataUrl: body.signaturePng! }
    : { kind: 'typed', name: body.typedName! };
}

/**
 * Émargement: the trainee's phone page (no account, the link is the key) and the consultant's
 * half-days of a session, absences, minutes missed and countersignatures.
 */
@ApiTags('training')
@Controller()
export class AttendanceController {
  constructor(
    private readonly signingPage: GetSigningPageUseCase,
    private readonly sign: SignAttendanceUseCase,
    private readonly listHalfDays: ListHalfDaysUseCase,
    private readonly record: RecordAbsenceUseCase,
    private readonly countersign: CountersignHalfDayUseCase,
  ) {}

  @Public()
  @Get('attendance/:token')
  @ApiOperation({ summary: 'What a trainee’s signing link shows: who, which half-day, its window' })
  @ApiOkResponse({ type: SigningPageDto })
  page(@Param() params: SigningTokenParams): Promise<SigningPage> {
    return this.signingPage.execute(params.token);
  }

  @Public()
  @Post('attendance/:token')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Sign a half-day (drawn or typed), during it ± the margin, once, before the countersignature',
  })
  @ApiOkResponse({ type: SignedAttendanceDto })
  signHalfDay(
    @Param() params: SigningTokenParams,
    @Body() body: SignAttendanceDto,
    @Req() request: Request,
  ): Promise<SignedAttendance> {
    return this.sign.execute({
      token: params.token,
      signature: signatureOf(body),
      devicePass: body.devicePass,
      ipAddress: request.ip ?? null,
      userAgent: request.get('user-agent') ?? null,
    });
  }

  @Get('sessions/:id/half-days')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'A session’s half-days × trainees with signing links and QR codes (its consultant, admins)',
  })
  @ApiOkResponse({ type: SessionHalfDaysDto })
  halfDays(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
  ): Promise<SessionHalfDays> {
    return this.listHalfDays.execute(actor, params.id);
  }

  @Post('half-days/:id/absences')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Record a trainee absent on a half-day, with the reason' })
  async absence(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: RecordAbsenceDto,
  ): Promise<void> {
    await this.record.absent(actor, { halfDayId: params.id, ...body });
  }

  @Post('half-days/:id/minutes-missed')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Record the minutes a signed trainee missed (late arrival, early leave)',
  })
  async minutesMissed(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: RecordMinutesMissedDto,
  ): Promise<void> {
    await this.record.minutesMissed(actor, { halfDayId: params.id, ...body });
  }

  @Post('half-days/:id/countersignature')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Countersign a half-day once begun: closes its sheet for good' })
  @ApiOkResponse({ type: CountersignResultDto })
  countersignHalfDay(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: SignatureDto,
  ): Promise<CountersignResult> {
    return this.countersign.execute(actor, params.id, signatureOf(body));
  }
}
