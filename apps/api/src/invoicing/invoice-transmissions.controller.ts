import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '@mutualis/core';
import {
  GetInvoiceTransmissionUseCase,
  InvoiceTransmissionListItemView,
  InvoiceTransmissionView,
  ListInvoiceTransmissionsUseCase,
} from '@mutualis/invoicing';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Roles } from '../http/auth/roles.decorator';
import { IdParams } from '../http/params.dto';
import {
  InvoiceTransmissionDto,
  InvoiceTransmissionPageDto,
  ListInvoiceTransmissionsQueryDto,
} from './invoice-transmission.dto';

@ApiTags('invoicing')
@ApiBearerAuth()
@Controller()
export class InvoiceTransmissionsController {
  constructor(
    private readonly listTransmissions: ListInvoiceTransmissionsUseCase,
    private readonly getTransmission: GetInvoiceTransmissionUseCase,
  ) {}

  @Get('finance/invoice-transmissions')
  @Roles('finance', 'admin')
  @ApiOperation({
    summary:
      'How invoices reached their buyers (e-mail, Chorus Pro), newest first, by channel and state (finance)',
  })
  @ApiOkResponse({ type: InvoiceTransmissionPageDto })
  list(
    @Query() query: ListInvoiceTransmissionsQueryDto,
  ): Promise<Page<InvoiceTransmissionListItemView>> {
    return this.listTransmissions.execute({
      channels: query.channel,
      states: query.state,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  @Get('invoices/:id/transmission')
  @ApiOperation({
    summary: 'How an invoice reached its buyer and the statuses it went through, with their times',
  })
  @ApiOkResponse({ type: InvoiceTransmissionDto })
  get(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
  ): Promise<InvoiceTransmissionView> {
    return this.getTransmission.execute(actor, params.id);
  }
}
