import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ClosePeriodUseCase,
  ClosingView,
  EntryView,
  ListEntriesUseCase,
} from '@mutualis/accounting';
import { Page } from '@mutualis/core';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Roles } from '../http/auth/roles.decorator';
import { ClosingDto, EntryPageDto, JournalQueryDto, PeriodParams } from './accounting.dto';

/**
 * The journal under the names API.md gives partners and scripts (`GET /finance/journal`,
 * `POST /finance/periods/:period/close`); the web app's richer routes live under
 * `/finance/accounting`, on the same use cases.
 */
@ApiTags('accounting')
@ApiBearerAuth()
@Roles('finance', 'admin')
@Controller('finance')
export class FinanceJournalController {
  constructor(
    private readonly listEntries: ListEntriesUseCase,
    private readonly closePeriod: ClosePeriodUseCase,
  ) {}

  @Get('journal')
  @ApiOperation({
    summary:
      'Accounting entries with their lines between two dates, by journal or account, in entry date then posting order',
  })
  @ApiOkResponse({ type: EntryPageDto })
  journal(@Query() query: JournalQueryDto): Promise<Page<EntryView>> {
    return this.listEntries.execute(query);
  }

  @Post('periods/:period/close')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Close a month (YYYY-MM): validate what remains, then entries dated in it go to the next open month',
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
}
