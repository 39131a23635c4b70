import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  GetSurveyResultsUseCase,
  SurveyResultsTarget,
  SurveyResultsView,
} from '@mutualis/training';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { IdParams } from '../http/params.dto';
import { ConsultantIdParams, SurveyResultsDto, SurveyResultsQuery } from './dtos/survey.dto';

/**
 * Satisfaction results: a consultant's own sessions, offerings and overall; the Chambre's admins
 * all. JSON (averages, response rate, comments) or, with `?format=csv`, one row per answer.
 * No role guard: anyone else gets the same 404 as for a missing resource (no enumeration).
 */
@ApiTags('training')
@ApiBearerAuth()
@Controller()
export class SurveyResultsController {
  constructor(private readonly results: GetSurveyResultsUseCase) {}

  @Get('sessions/:id/survey-results')
  @ApiOperation({ summary: "A session's survey results" })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SurveyResultsDto })
  @ApiNotFoundResponse({ description: 'No such session, or not one of yours.' })
  session(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Query() query: SurveyResultsQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answer(actor, { kind: 'session', id: params.id }, query, response);
  }

  @Get('offerings/:id/survey-results')
  @ApiOperation({ summary: "An offering's survey results, over all its sessions" })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SurveyResultsDto })
  @ApiNotFoundResponse({ description: 'No such offering, or not one of yours.' })
  offering(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Query() query: SurveyResultsQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answer(actor, { kind: 'offering', id: params.id }, query, response);
  }

  @Get('consultants/:id/survey-results')
  @ApiOperation({ summary: "A consultant's survey results, over all their sessions" })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SurveyResultsDto })
  @ApiNotFoundResponse({ description: 'Not yourself (admins read anyone).' })
  consultant(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: ConsultantIdParams,
    @Query() query: SurveyResultsQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answer(actor, { kind: 'consultant', id: params.id }, query, response);
  }

  @Get('training/survey-results')
  @ApiOperation({ summary: 'Every survey result (admins), or your own (consultants)' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SurveyResultsDto })
  all(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: SurveyResultsQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.answer(actor, { kind: 'all' }, query, response);
  }

  private async answer(
    actor: AuthenticatedActor,
    target: SurveyResultsTarget,
    query: SurveyResultsQuery,
    response: Response,
  ): Promise<SurveyResultsView | StreamableFile> {
    if (query.format !== 'csv') return this.results.execute(actor, target);
    const file = await this.results.csv(actor, target);
    const content = Buffer.from(file.content, 'utf8');
    response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    return new StreamableFile(content, { type: file.contentType, length: content.length });
  }
}
