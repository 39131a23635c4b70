import {
  Controller,
  Get,
  HttpStatus,
  Param,
  ParseFilePipeBuilder,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  assertCsvUpload,
  GetMemberImportUseCase,
  MAX_MEMBER_IMPORT_BYTES,
  MemberImportPreview,
  MemberImportView,
  PreviewMemberImportUseCase,
  StartMemberImportUseCase,
} from '@mutualis/membership';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Roles } from '../http/auth/roles.decorator';
import { IdParams } from '../http/params.dto';
import {
  MemberImportDto,
  MemberImportPreviewDto,
  MemberImportQueryDto,
} from './member-imports.dto';

/** What multer hands over of the uploaded file (in memory: a few MB at most). */
interface UploadedSpreadsheet {
  originalname: string;
  mimetype?: string;
  buffer: Buffer;
}

@ApiTags('membership')
@ApiBearerAuth()
@Roles('admin')
@Controller('membership/imports')
export class MemberImportsController {
  constructor(
    private readonly preview: PreviewMemberImportUseCase,
    private readonly start: StartMemberImportUseCase,
    private readonly getImport: GetMemberImportUseCase,
  ) {}

  @Post()
  @UseInterceptors(
    // One file, nothing else; a larger one is refused (413) before it is buffered whole.
    FileInterceptor('file', {
      limits: { fileSize: MAX_MEMBER_IMPORT_BYTES, files: 1, fields: 0, parts: 1 },
    }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiOperation({
    summary:
      'Import existing members from the Chambre’s CSV: ?dryRun=true reports each line (200), else applies it in the worker (202)',
  })
  @ApiOkResponse({ type: MemberImportPreviewDto, description: 'dryRun=true: the per-line report' })
  @ApiAcceptedResponse({
    type: MemberImportDto,
    description: 'The import, queued: follow it at GET /membership/imports/:id',
  })
  async upload(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: MemberImportQueryDto,
    @UploadedFile(
      new ParseFilePipeBuilder().build({ fileIsRequired: true, errorHttpStatusCode: 400 }),
    )
    file: UploadedSpreadsheet,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MemberImportPreview | MemberImportView> {
    assertCsvUpload(file.originalname, file.mimetype);
    if (query.dryRun) {
      response.status(HttpStatus.OK);
      return this.preview.execute(file.buffer);
    }
    response.status(HttpStatus.ACCEPTED);
    return this.start.execute({
      startedBy: actor.userId,
      fileName: file.originalname,
      content: file.buffer,
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'An import’s progress, counts and refused lines' })
  @ApiOkResponse({ type: MemberImportDto })
  show(@Param() params: IdParams): Promise<MemberImportView> {
    return this.getImport.execute(params.id);
  }
}
