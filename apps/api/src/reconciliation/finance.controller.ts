import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseFilePipeBuilder,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Page } from '@mutualis/core';
import {
  AgedReceivables,
  AgeReceivablesUseCase,
  AllocateBankTransactionUseCase,
  AuditEntryView,
  BankTransactionView,
  CsvProfileView,
  ExportFile,
  ExportInvoicesCsvUseCase,
  ExportPaymentsCsvUseCase,
  GetBankTransactionUseCase,
  GetStatementImportUseCase,
  GetStatementOfAccountUseCase,
  ListBankTransactionsUseCase,
  ListCsvProfilesUseCase,
  ListTransactionAuditUseCase,
  MatchCounts,
  MatchTransactionsUseCase,
  MAX_STATEMENT_UPLOAD_BYTES,
  SaveCsvProfileUseCase,
  StatementImportView,
  SubmitStatementUseCase,
  UndoAllocationUseCase,
} from '@mutualis/reconciliation';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Roles } from '../http/auth/roles.decorator';
import { IdParams } from '../http/params.dto';
import {
  AgedReceivablesDto,
  AllocateDto,
  AllocationParams,
  AuditEntryDto,
  BankTransactionDto,
  BankTransactionPageDto,
  CsvProfileDto,
  CsvProfileParams,
  CsvProfileViewDto,
  ListTransactionsQueryDto,
  MatchCountsDto,
  PeriodQueryDto,
  ReceivablesQueryDto,
  StatementImportDto,
  StatementOfAccountDto,
  UploadStatementDto,
} from './finance.dto';

/** What multer hands over of the uploaded file (kept in memory: statements are small). */
interface UploadedStatement {
  originalname: string;
  buffer: Buffer;
}

@ApiTags('finance')
@ApiBearerAuth()
@Roles('finance', 'admin')
@Controller('finance')
export class FinanceController {
  constructor(
    private readonly submitStatement: SubmitStatementUseCase,
    private readonly getStatementImport: GetStatementImportUseCase,
    private readonly listTransactions: ListBankTransactionsUseCase,
    private readonly getTransaction: GetBankTransactionUseCase,
    private readonly allocateTransaction: AllocateBankTransactionUseCase,
    private readonly undoAllocation: UndoAllocationUseCase,
    private readonly transactionAudit: ListTransactionAuditUseCase,
    private readonly matching: MatchTransactionsUseCase,
    private readonly listCsvProfiles: ListCsvProfilesUseCase,
    private readonly saveCsvProfiles: SaveCsvProfileUseCase,
    private readonly ageReceivables: AgeReceivablesUseCase,
    private readonly statementsOfAccount: GetStatementOfAccountUseCase,
    private readonly exportInvoices: ExportInvoicesCsvUseCase,
    private readonly exportPayments: ExportPaymentsCsvUseCase,
  ) {}

  @Post('bank-statements')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseInterceptors(
    // One file and the profile field: more parts, or a field longer than a profile id, are
    // refused (400) before multer buffers them.
    FileInterceptor('file', {
      limits: {
        fileSize: MAX_STATEMENT_UPLOAD_BYTES,
        files: 1,
        fields: 1,
        fieldSize: 256,
        parts: 2,
      },
    }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' }, profile: { type: 'string' } },
    },
  })
  @ApiOperation({ summary: 'Upload a CAMT.053 or CSV statement; the worker parses and matches it' })
  @ApiAcceptedResponse({
    type: StatementImportDto,
    description: 'The import, queued: follow it at GET /finance/bank-statements/:id',
  })
  upload(
    @CurrentActor() actor: AuthenticatedActor,
    @UploadedFile(
      new ParseFilePipeBuilder().build({ fileIsRequired: true, errorHttpStatusCode: 400 }),
    )
    file: UploadedStatement,
    @Body() body: UploadStatementDto,
  ): Promise<StatementImportView> {
    return this.submitStatement.execute(actor, {
      fileName: file.originalname,
      content: file.buffer,
      profileId: body.profile,
    });
  }

  @Get('bank-statements/:id')
  @ApiOperation({ summary: 'An import: its progress, its result, or why the file was rejected' })
  @ApiOkResponse({ type: StatementImportDto })
  statement(@Param() params: IdParams): Promise<StatementImportView> {
    return this.getStatementImport.execute(params.id);
  }

  @Get('bank-transactions')
  @ApiOperation({
    summary: 'Bank lines by status, with suggestions (score and reasons) and allocations',
  })
  @ApiOkResponse({ type: BankTransactionPageDto })
  list(@Query() query: ListTransactionsQueryDto): Promise<Page<BankTransactionView>> {
    return this.listTransactions.execute({
      statuses: query.status,
      limit: query.limit,
      cursor: query.cursor,
      locale: query.lang,
    });
  }

  @Post('bank-transactions/match')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Run matching again on every line not fully allocated' })
  @ApiOkResponse({ type: MatchCountsDto })
  match(): Promise<MatchCounts> {
    return this.matching.execute();
  }

  @Get('bank-transactions/:id')
  @ApiOperation({ summary: 'A bank line' })
  @ApiOkResponse({ type: BankTransactionDto })
  transaction(@Param() params: IdParams): Promise<BankTransactionView> {
    return this.getTransaction.execute(params.id, 'fr');
  }

  @Get('bank-transactions/:id/audit')
  @ApiOperation({ summary: 'Who allocated or undid what on this line, and when' })
  @ApiOkResponse({ type: [AuditEntryDto] })
  audit(@Param() params: IdParams): Promise<AuditEntryView[]> {
    return this.transactionAudit.execute(params.id);
  }

  @Post('bank-transactions/:id/allocations')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Allocate money of the line to an invoice (in full or in part)' })
  @ApiCreatedResponse({ type: BankTransactionDto, description: 'The line, allocated.' })
  allocate(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: AllocateDto,
  ): Promise<BankTransactionView> {
    return this.allocateTransaction.execute(actor, params.id, body);
  }

  @Delete('bank-transactions/:id/allocations/:allocationId')
  @ApiOperation({ summary: 'Undo an allocation: the invoice owes that amount again' })
  @ApiOkResponse({ type: BankTransactionDto, description: 'The line, without the allocation.' })
  undo(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: AllocationParams,
  ): Promise<BankTransactionView> {
    return this.undoAllocation.execute(actor, params.id, params.allocationId);
  }

  @Get('csv-profiles')
  @ApiOperation({ summary: 'Column profiles for CSV statements: built-in and saved' })
  @ApiOkResponse({ type: [CsvProfileViewDto] })
  csvProfiles(): Promise<CsvProfileView[]> {
    return this.listCsvProfiles.execute();
  }

  @Put('csv-profiles/:id')
  @ApiOperation({ summary: 'Save a column profile for a bank’s CSV export' })
  @ApiOkResponse({ type: CsvProfileViewDto })
  saveCsvProfile(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() { id }: CsvProfileParams,
    @Body() body: CsvProfileDto,
  ): Promise<CsvProfileView> {
    return this.saveCsvProfiles.execute(actor, { ...body, id });
  }

  @Get('receivables')
  @ApiOperation({
    summary: 'Aged receivables by organisation: not due, 0–30, 31–60, 61–90, over 90 days',
  })
  @ApiOkResponse({ type: AgedReceivablesDto })
  aged(@Query() query: ReceivablesQueryDto): Promise<AgedReceivables> {
    return this.ageReceivables.execute(query.asOf);
  }

  @Get('receivables/:id')
  @ApiOperation({ summary: 'An organisation’s statement of account' })
  @ApiOkResponse({ type: StatementOfAccountDto })
  statementOfAccount(@Param() params: IdParams): Promise<StatementOfAccountDto> {
    return this.statementsOfAccount.execute(params.id);
  }

  @Get('exports/invoices.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Invoices and credit notes of a period, as CSV' })
  async invoicesCsv(
    @Query() query: PeriodQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    return download(await this.exportInvoices.execute(query.from, query.to), response);
  }

  @Get('exports/payments.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Payments received in a period, as CSV' })
  async paymentsCsv(
    @Query() query: PeriodQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    return download(await this.exportPayments.execute(query.from, query.to), response);
  }
}

function download(file: ExportFile, response: Response): StreamableFile {
  const content = Buffer.from(file.content, 'utf8');
  response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
  return new StreamableFile(content, { type: file.contentType, length: content.length });
}
