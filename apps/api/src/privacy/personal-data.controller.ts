import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import {
  ErasePersonalDataUseCase,
  ExportPersonalDataUseCase,
  PersonalDataExport,
} from '@mutualis/privacy';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Roles } from '../http/auth/roles.decorator';
import { RateLimited } from '../http/rate-limit/rate-limit';
import { IdParams } from '../http/params.dto';
import { EraseMyAccountDto, EraseUserDto, PersonalDataExportDto } from './personal-data.dto';

const ORPHANS =
  'The caller would leave organisations without an admin: the problem lists them in `organisations`; nothing was erased.';

/** Personal data (GDPR): a person's export and erasure, and erasure on request by an admin. */
@ApiTags('personal data')
@ApiBearerAuth()
@Controller()
export class PersonalDataController {
  constructor(
    private readonly exportPersonalData: ExportPersonalDataUseCase,
    private readonly erasePersonalData: ErasePersonalDataUseCase,
  ) {}

  @Get('me/export')
  @ApiOperation({
    summary: 'Everything held about the caller, as a JSON download (GDPR art. 15, 20)',
  })
  @ApiOkResponse({ type: PersonalDataExportDto })
  async export(
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PersonalDataExport> {
    const document = await this.exportPersonalData.execute(actor.userId);
    const day = document.exportedAt.slice(0, 10);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="mutualis-donnees-personnelles-${day}.json"`,
    );
    response.setHeader('Cache-Control', 'no-store');
    return document;
  }

  @Delete('me')
  // The password is checked here too: guesses count against the login limit of the address.
  @RateLimited('login')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Erase the caller’s account and personal data (GDPR art. 17); the password confirms',
  })
  @ApiNoContentResponse({ description: 'Erased: the account is closed and anonymised.' })
  @ApiConflictResponse({ description: ORPHANS })
  async eraseMe(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: EraseMyAccountDto,
  ): Promise<void> {
    await this.erasePersonalData.execute({
      userId: actor.userId,
      requestedBy: { userId: actor.userId, as: 'self' },
      password: body.password,
      confirmOrphanedOrganisations: body.confirmOrphanedOrganisations,
    });
  }

  @Post('users/:id/erasure')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Erase a user’s personal data on their request (Chambre admin)' })
  @ApiNoContentResponse({ description: 'Erased: the account is closed and anonymised.' })
  @ApiConflictResponse({ description: `${ORPHANS} Also when the user is already erased.` })
  async eraseUser(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: EraseUserDto,
  ): Promise<void> {
    await this.erasePersonalData.execute({
      userId: params.id,
      requestedBy: { userId: actor.userId, as: 'admin' },
      confirmOrphanedOrganisations: body.confirmOrphanedOrganisations,
    });
  }
}
