import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ChartAccountView,
  ClosePeriodUseCase,
  ClosingView,
  EntryView,
  GetChartUseCase,
  JournalSummaryView,
  ListEntriesUseCase,
  ListJournalsUseCase,
  ListPeriodsUseCase,
  PeriodsView,
  UpdateChartUseCase,
  ValidatePeriodUseCase,
  ValidationView,
} from '@mutualis/accounting';
import { Page } from '@mutualis/core';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Roles } from '../http/auth/roles.decorator';
import {
  ChartAccountDto,
  ClosingDto,
  EntriesQueryDto,
  EntryPageDto,
  JournalsQueryDto,
  JournalSummaryDto,
  PeriodParams,
  PeriodsDto,
  UpdateChartDto,
  ValidationDto,
  YearQueryDto,
} from './accounting.dto';

@ApiTags('accounting')
@ApiBearerAuth()
@Roles('finance', 'admin')
@Controller('finance/accounting')
export class AccountingController {
  constructor(
    private readonly listPeriods: ListPeriodsUseCase,
    private readonly validatePeriod: ValidatePeriodUseCase,
    private readonly closePeriod: ClosePeriodUseCase,
    private readonly listJournals: ListJournalsUseCase,
    private readonly listEntries: ListEntriesUseCase,
    private readonly getChart: GetChartUseCase,
    private readonly updateChart: UpdateChartUseCase,
  ) {}

  @Get('periods')
  @ApiOperation({
    summary: 'The months of a fiscal year: open or closed, entries awaiting validation',
  })
  @ApiOkResponse({ type: PeriodsDto })
  periods(@Query() query: YearQueryDto): Promise<PeriodsView> {
    return this.listPeriods.execute(query.year);
  }

  @Post('periods/:period/validate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Validate every entry dated up to the end of the month: numbers continuous per journal and fiscal year, ValidDate today',
  })
  @ApiOkResponse({ type: ValidationDto })
  validate(@Param() params: PeriodParams): Promise<ValidationView> {
    return this.validatePeriod.execute(params.period);
  }

  @Post('periods/:period/close')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Close a month: validate what remains, then refuse entries dated in it (later ones go to the next open month)',
  })
  @ApiOkResponse({ type: ClosingDto })
  @ApiConflictResponse({
    description:
      'Already closed, not over yet, or an earlier month is still open (months close in order).',
  })
  close(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: PeriodParams,
  ): Promise<ClosingView> {
    return this.closePeriod.execute(actor, params.period);
  }

  @Get('journals')
  @ApiOperation({
    summary: 'The journals with their entry counts and totals over a month or a year',
  })
  @ApiOkResponse({ type: [JournalSummaryDto] })
  journals(@Query() query: JournalsQueryDto): Promise<JournalSummaryView[]> {
    return this.listJournals.execute(query);
  }

  @Get('entries')
  @ApiOperation({ summary: 'A month’s entries with their lines, in entry date then posting order' })
  @ApiOkResponse({ type: EntryPageDto })
  entries(@Query() query: EntriesQueryDto): Promise<Page<EntryView>> {
    return this.listEntries.execute(query);
  }

  @Get('chart')
  @ApiOperation({ summary: 'The chart of accounts: the account each role posts to' })
  @ApiOkResponse({ type: [ChartAccountDto] })
  chart(): Promise<ChartAccountView[]> {
    return this.getChart.execute();
  }

  @Put('chart')
  @ApiOperation({
    summary:
      'Change accounts’ numbers and labels (or add a VAT rate’s accounts); entries posted before keep theirs',
  })
  @ApiOkResponse({ type: [ChartAccountDto] })
  saveChart(@Body() body: UpdateChartDto): Promise<ChartAccountView[]> {
    return this.updateChart.execute(body.accounts);
  }
}
