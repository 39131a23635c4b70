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
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Response } from 'express';
import { Page } from '@mutualis/core';
import {
  ChambreSettingsQuery,
  ChambreView,
  GetChambreLogoUseCase,
  GetInvoicePdfUseCase,
  GetInvoiceUseCase,
  InvoiceView,
  ListInvoicesUseCase,
  RemoveChambreLogoUseCase,
  RequestCreditNoteUseCase,
  SetChambreLogoUseCase,
  UpdateChambreSettingsUseCase,
} from '@mutualis/invoicing';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Roles } from '../http/auth/roles.decorator';
import { IdParams } from '../http/params.dto';
import {
  ChambreDto,
  ChambreSettingsDto,
  CreditNoteRequestDto,
  InvoiceDto,
  InvoicePageDto,
  ListInvoicesQueryDto,
} from './invoice.dto';

@ApiTags('invoicing')
@ApiBearerAuth()
@Controller()
export class InvoicesController {
  constructor(
    private readonly listInvoices: ListInvoicesUseCase,
    private readonly getInvoice: GetInvoiceUseCase,
    private readonly getInvoicePdf: GetInvoicePdfUseCase,
    private readonly requestCreditNote: RequestCreditNoteUseCase,
    private readonly chambre: ChambreSettingsQuery,
    private readonly updateChambre: UpdateChambreSettingsUseCase,
    private readonly setChambreLogo: SetChambreLogoUseCase,
    private readonly removeChambreLogo: RemoveChambreLogoUseCase,
    private readonly getChambreLogo: GetChambreLogoUseCase,
  ) {}

  @Get('invoices')
  @ApiOperation({
    summary:
      'Invoices and credit notes: an organisation’s members see theirs, finance and admins all',
  })
  @ApiOkResponse({ type: InvoicePageDto })
  list(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: ListInvoicesQueryDto,
  ): Promise<Page<InvoiceView>> {
    return this.listInvoices.execute(actor, {
      organisationId: query.organisationId,
      statuses: query.status,
      overdue: query.overdue,
      from: query.from,
      to: query.to,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  @Get('invoices/:id')
  @ApiOperation({ summary: 'An invoice or credit note' })
  @ApiOkResponse({ type: InvoiceDto })
  get(@CurrentActor() actor: AuthenticatedActor, @Param() params: IdParams): Promise<InvoiceView> {
    return this.getInvoice.execute(actor, params.id);
  }

  @Get('invoices/:id/pdf')
  @ApiOperation({ summary: 'The PDF rendered when the invoice was issued' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF.' })
  async pdf(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { filename, content } = await this.getInvoicePdf.execute(actor, params.id);
    response.setHeader('Content-Disposition', `inline; filename="${filename}"`);
    return new StreamableFile(content, { type: 'application/pdf', length: content.length });
  }

  @Post('invoices/:id/credit-notes')
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles('finance', 'admin')
  @ApiOperation({
    summary: 'Ask for a credit note on an invoice; the worker numbers and issues it (finance)',
  })
  @ApiAcceptedResponse({
    type: InvoiceDto,
    description: 'The drafted credit note, issued shortly by the worker.',
  })
  creditNote(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: CreditNoteRequestDto,
  ): Promise<InvoiceView> {
    return this.requestCreditNote.execute({
      actor,
      invoiceId: params.id,
      amountCents: body.amountCents,
      reason: body.reason,
    });
  }

  @Get('chambre')
  @Roles('admin', 'finance')
  @ApiOperation({ summary: 'The Chambre’s legal identity and payment details printed on invoices' })
  @ApiOkResponse({ type: ChambreDto })
  getChambre(): Promise<ChambreView> {
    return this.chambre.get();
  }

  @Put('chambre')
  @Roles('admin')
  @ApiOperation({ summary: 'Edit the Chambre’s legal identity (admin); new invoices snapshot it' })
  @ApiOkResponse({ type: ChambreDto })
  putChambre(@Body() body: ChambreSettingsDto): Promise<ChambreView> {
    return this.updateChambre.execute(body);
  }

  @Put('chambre/logo')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Set the logo new invoices print (admin): a PNG or JPEG of at most 512 KiB and 4 megapixels as the body',
    description:
      'The image is stored re-encoded: a PNG without metadata, fitted within 600×600 pixels.',
  })
  @ApiConsumes('image/png', 'image/jpeg')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: ChambreDto })
  @ApiUnprocessableEntityResponse({
    description: 'More than 4 megapixels or 5000 pixels a side (chambre_logo_too_large).',
  })
  putLogo(@Body() body: unknown): Promise<ChambreView> {
    return this.setChambreLogo.execute(body);
  }

  @Delete('chambre/logo')
  @Roles('admin')
  @ApiOperation({
    summary: 'Stop printing a logo on new invoices (admin); issued ones keep theirs',
  })
  @ApiOkResponse({ type: ChambreDto })
  deleteLogo(): Promise<ChambreView> {
    return this.removeChambreLogo.execute();
  }

  @Get('chambre/logo')
  @Roles('admin', 'finance')
  @ApiOperation({ summary: 'The logo new invoices print' })
  @ApiProduces('image/png', 'image/jpeg')
  @ApiOkResponse({ description: 'The image.' })
  async getLogo(): Promise<StreamableFile> {
    const { content, mediaType } = await this.getChambreLogo.execute();
    return new StreamableFile(content, { type: mediaType, length: content.length });
  }
}
