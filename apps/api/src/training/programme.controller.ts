import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Response } from 'express';
import { GetProgrammePdfUseCase } from '@mutualis/training';
import { AuthenticatedActor, OptionalActor } from '../http/auth/current-actor.decorator';
import { OptionalAuth } from '../http/auth/optional-auth.decorator';
import { IdParams } from '../http/params.dto';

@ApiTags('training')
@Controller()
export class ProgrammeController {
  constructor(private readonly getProgramme: GetProgrammePdfUseCase) {}

  @Get('offerings/:id/programme.pdf')
  @OptionalAuth()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'A training’s programme (PDF, R6353-1)',
    description:
      'Public for a published training; a draft only for its consultant and the Chambre’s admins. ' +
      'Rendered from the live offering; each publication is also recorded as a document version.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF.' })
  @ApiNotFoundResponse({ description: 'Unknown, or not published and not the caller’s.' })
  @ApiUnprocessableEntityResponse({
    description: 'A consultation has no programme (not_a_training).',
  })
  async programme(
    @OptionalActor() actor: AuthenticatedActor | null,
    @Param() params: IdParams,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { pdf } = await this.getProgramme.execute(actor, params.id);
    response.setHeader('Content-Disposition', 'inline; filename="programme.pdf"');
    return new StreamableFile(pdf, { type: 'application/pdf', length: pdf.length });
  }
}
