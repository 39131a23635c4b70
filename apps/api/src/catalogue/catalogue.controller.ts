import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CategoryView,
  GetConsultantProfileUseCase,
  GetMyConsultantProfileUseCase,
  UpdateConsultantProfileUseCase,
  ConsultantProfileView,
  ListCategoriesUseCase,
  ListOfferingRevisionsUseCase,
  ListMyOfferingsUseCase,
  ListOfferingsForModerationUseCase,
  ListVatRegimesUseCase,
  OfferingView,
  PendingRevisionView,
  VatRegimeView,
} from '@mutualis/catalogue';
import { Page } from '@mutualis/core';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Public } from '../http/auth/public.decorator';
import { Roles } from '../http/auth/roles.decorator';
import { IdParams } from '../http/params.dto';
import { PageQueryDto } from '../http/page.dto';
import {
  ListOwnOfferingsQueryDto,
  OfferingPageDto,
  PendingRevisionPageDto,
} from './dtos/offering.dto';
import { CategoryDto, ConsultantProfileDto, UpdateConsultantProfileDto } from './dtos/search.dto';
import { VatRegimeDto } from './dtos/vat-regime.dto';

@ApiTags('catalogue')
@Controller()
export class CatalogueController {
  constructor(
    private readonly listCategories: ListCategoriesUseCase,
    private readonly getProfile: GetConsultantProfileUseCase,
    private readonly getMyProfile: GetMyConsultantProfileUseCase,
    private readonly updateMyProfile: UpdateConsultantProfileUseCase,
    private readonly listMyOfferings: ListMyOfferingsUseCase,
    private readonly listForModeration: ListOfferingsForModerationUseCase,
    private readonly listRevisions: ListOfferingRevisionsUseCase,
    private readonly listVatRegimes: ListVatRegimesUseCase,
  ) {}

  @Public()
  @Get('categories')
  @ApiOperation({ summary: 'The catalogue’s categories, in French and English' })
  @ApiOkResponse({ type: [CategoryDto] })
  categories(): Promise<CategoryView[]> {
    return this.listCategories.execute();
  }

  @Public()
  @Get('vat-regimes')
  @ApiOperation({
    summary:
      'The closed list of VAT regimes, with their legal basis, EN 16931 category and VATEX code',
    description:
      'The regimes the Chambre sets on offerings (`offeringKinds`), its franchise (art. 293 B, a setting of ' +
      'the Chambre) and the retired `not_subject`, kept only to describe invoices issued before.',
  })
  @ApiOkResponse({ type: [VatRegimeDto] })
  vatRegimes(): VatRegimeView[] {
    return this.listVatRegimes.execute();
  }

  @Get('consultants/me/profile')
  @Roles('consultant')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller’s consultant profile' })
  @ApiOkResponse({ type: ConsultantProfileDto })
  myProfile(@CurrentActor() actor: AuthenticatedActor): Promise<ConsultantProfileView> {
    return this.getMyProfile.execute(actor);
  }

  @Put('consultants/me/profile')
  @Roles('consultant')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Write the caller’s consultant profile: bio, expertise, départements served',
  })
  @ApiOkResponse({ type: ConsultantProfileDto })
  updateProfile(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: UpdateConsultantProfileDto,
  ): Promise<ConsultantProfileView> {
    return this.updateMyProfile.execute(actor, body);
  }

  @Public()
  @Get('consultants/:id/profile')
  @ApiOperation({ summary: 'A consultant’s public profile' })
  @ApiOkResponse({ type: ConsultantProfileDto })
  profile(@Param() params: IdParams): Promise<ConsultantProfileView> {
    return this.getProfile.execute(params.id);
  }

  @Get('consultants/me/offerings')
  @Roles('consultant')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller’s own offerings in every status, with rejection reasons' })
  @ApiOkResponse({ type: OfferingPageDto })
  myOfferings(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: ListOwnOfferingsQueryDto,
  ): Promise<Page<OfferingView>> {
    return this.listMyOfferings.execute(actor, {
      statuses: query.status,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  @Get('moderation/offerings')
  @Roles('admin', 'finance')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'The moderation queue: submitted offerings, oldest first (admin); with `status`, the Chambre’s offerings in those statuses, e.g. for finance deciding their VAT regime (admin, finance)',
  })
  @ApiOkResponse({ type: OfferingPageDto })
  moderationQueue(@Query() query: ListOwnOfferingsQueryDto): Promise<Page<OfferingView>> {
    return this.listForModeration.execute({
      statuses: query.status,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  @Get('moderation/offering-revisions')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Changes to published offerings awaiting review, oldest first, each with the live offering (admin); approve with POST /offerings/:id/publish, refuse with /reject',
  })
  @ApiOkResponse({ type: PendingRevisionPageDto })
  revisionQueue(@Query() query: PageQueryDto): Promise<Page<PendingRevisionView>> {
    return this.listRevisions.pending({ limit: query.limit, cursor: query.cursor });
  }
}
