import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AnswerSurveyUseCase, GetSurveyUseCase, SurveyView } from '@mutualis/training';
import { Public } from '../http/auth/public.decorator';
import {
  AnswerSurveyDto,
  SurveyAnsweredDto,
  SurveyDto,
  SurveyTokenParams,
} from './dtos/survey.dto';

/** The satisfaction survey behind an e-mailed link: no account, the link is the key. */
@ApiTags('training')
@Controller('surveys')
export class SurveysController {
  constructor(
    private readonly getSurvey: GetSurveyUseCase,
    private readonly answerSurvey: AnswerSurveyUseCase,
  ) {}

  @Public()
  @Get(':token')
  @ApiOperation({ summary: 'What a survey link asks (and whether it was answered)' })
  @ApiOkResponse({ type: SurveyDto })
  @ApiNotFoundResponse({ description: 'Unknown or replaced link.' })
  show(@Param() params: SurveyTokenParams): Promise<SurveyView> {
    return this.getSurvey.execute(params.token);
  }

  @Public()
  @Post(':token')
  @ApiOperation({ summary: 'Answer a survey (once per person and survey)' })
  @ApiCreatedResponse({ type: SurveyAnsweredDto })
  @ApiNotFoundResponse({ description: 'Unknown or replaced link.' })
  @ApiConflictResponse({ description: 'Already answered, or the survey is closed.' })
  answer(@Param() params: SurveyTokenParams, @Body() body: AnswerSurveyDto) {
    return this.answerSurvey.execute({ ...body, token: params.token });
  }
}
