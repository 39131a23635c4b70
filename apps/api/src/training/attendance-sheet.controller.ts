import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { GetAttendanceSheetUseCase } from '@mutualis/training';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { IdParams } from '../http/params.dto';

@ApiTags('training')
@ApiBearerAuth()
@Controller()
export class AttendanceSheetController {
  constructor(private readonly getSheet: GetAttendanceSheetUseCase) {}

  @Get('sessions/:id/attendance-sheet')
  @ApiOperation({
    summary: 'The session’s feuille d’émargement as it stands (PDF), stored as a new version',
    description:
      'Trainees × half-days with signatures, times, absences, minutes missed, countersignatures ' +
      'and hours attended. The session’s consultant and admins only. The stored document’s id, ' +
      'version and SHA-256 are in the X-Document-Id, X-Document-Version and X-Document-Sha256 headers.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF.' })
  @ApiNotFoundResponse({
    description: 'No such session, or not the caller’s (training_session_not_found).',
  })
  async attendanceSheet(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const sheet = await this.getSheet.execute(actor, params.id);
    response.setHeader('Content-Disposition', `inline; filename="${sheet.fileName}"`);
    response.setHeader('X-Document-Id', sheet.documentId);
    response.setHeader('X-Document-Version', String(sheet.version));
    response.setHeader('X-Document-Sha256', sheet.sha256);
    return new StreamableFile(sheet.content, {
      type: 'application/pdf',
      length: sheet.content.length,
    });
  }
}
