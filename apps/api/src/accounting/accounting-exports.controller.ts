import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DescribeFecUseCase, ExportedFile, ExportFecUseCase } from '@mutualis/accounting';
import { Roles } from '../http/auth/roles.decorator';
import { FecDescriptionQueryDto, FecQueryDto } from './accounting.dto';

@ApiTags('accounting')
@ApiBearerAuth()
@Roles('finance', 'admin')
@Controller('finance/exports')
export class AccountingExportsController {
  constructor(
    private readonly exportFec: ExportFecUseCase,
    private readonly describeFec: DescribeFecUseCase,
  ) {}

  @Get('fec')
  @ApiProduces('text/plain')
  @ApiOperation({
    summary:
      'The validated entries of a fiscal year (or of some of its months) in the FEC layout of A47 A-1: the import file of the Chambre’s accounting software, not the entity’s whole FEC',
  })
  @ApiOkResponse({
    description: '`<SIREN>FEC<AAAAMMJJ>.txt`, ISO 8859-15 unless `encoding=utf-8`.',
  })
  async fec(@Query() query: FecQueryDto, @Res({ passthrough: true }) response: Response) {
    return download(await this.exportFec.execute(query), response);
  }

  @Get('fec/description')
  @ApiProduces('text/plain')
  @ApiOperation({
    summary:
      'The description that goes with the FEC-layout file: encoding, zones, journals, numbering',
  })
  @ApiOkResponse({ description: '`<SIREN>FEC<AAAAMMJJ>_descriptif.txt`.' })
  async description(
    @Query() query: FecDescriptionQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    return download(await this.describeFec.execute(query), response);
  }
}

function download(file: ExportedFile, response: Response): StreamableFile {
  response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
  return new StreamableFile(file.content, { type: file.contentType, length: file.content.length });
}
