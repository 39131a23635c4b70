import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreateOfferingUseCase,
  GetOfferingUseCase,
  ManagedOfferingView,
  ArchiveOfferingUseCase,
  PublishOfferingUseCase,
  RejectOfferingUseCase,
  SubmitOfferingUseCase,
  OfferingDetail,
  OfferingView,
  SearchOfferingsUseCase,
  SearchResult,
  SetVatTreatmentUseCase,
  UpdateOfferingUseCase,
} from '@mutualis/catalogue';
import { parisEndOfDay, parisStartOfDay } from '@mutualis/core';
import {
  AuthenticatedActor,
  CurrentActor,
  OptionalActor,
} from '../http/auth/current-actor.decorator';
import { OptionalAuth } from '../http/auth/optional-auth.decorator';
import { Roles } from '../http/auth/roles.decorator';
import { IdParams } from '../http/params.dto';
import {
  CreateOfferingDto,
  ManagedOfferingDto,
  OfferingDto,
  RejectOfferingDto,
  SetVatTreatmentDto,
  UpdateOfferingDto,
} from './dtos/offering.dto';
import { PricingQueryDto } from './dtos/schedule.dto';
import { OfferingDetailDto, SearchOfferingsQueryDto, SearchResultDto } from './dtos/search.dto';

/** A date means that Paris day (`to` includes it); an instant means itself. */
function boundary(value: string | undefined, end: boolean): Date | undefined {
  if (value === undefined) return undefined;
  if (value.length === 10) return end ? parisEndOfDay(value) : parisStartOfDay(value);
  return new Date(value);
}

@ApiTags('catalogue')
@Controller('offerings')
export class OfferingsController {
  constructor(
    private readonly searchOfferings: SearchOfferingsUseCase,
    private readonly getOffering: GetOfferingUseCase,
    private readonly createOffering: CreateOfferingUseCase,
    private readonly updateOffering: UpdateOfferingUseCase,
    private readonly submitOffering: SubmitOfferingUseCase,
    private readonly publishOffering: PublishOfferingUseCase,
    private readonly rejectOffering: RejectOfferingUseCase,
    private readonly archiveOffering: ArchiveOfferingUseCase,
    private readonly setVatTreatment: SetVatTreatmentUseCase,
  ) {}

  @Get()
  @OptionalAuth()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Search published offerings (French full text, filters, facets by category)',
  })
  @ApiOkResponse({ type: SearchResultDto })
  search(
    @OptionalActor() actor: AuthenticatedActor | null,
    @Query() query: SearchOfferingsQueryDto,
  ): Promise<SearchResult> {
    return this.searchOfferings.execute({
      actor,
      organisationId: query.organisationId,
      q: query.q,
      category: query.category,
      department: query.department,
      mode: query.mode,
      from: boundary(query.from, false),
      to: boundary(query.to, true),
      maxPriceCents: query.maxPriceCents,
      available: query.available,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  @Get(':id')
  @OptionalAuth()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'An offering with its upcoming sessions or free slots and the caller’s price',
  })
  @ApiOkResponse({ type: OfferingDetailDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not published and not the caller’s.' })
  get(
    @OptionalActor() actor: AuthenticatedActor | null,
    @Param() params: IdParams,
    @Query() query: PricingQueryDto,
  ): Promise<OfferingDetail> {
    return this.getOffering.execute(actor, params.id, query.organisationId);
  }

  @Post()
  @Roles('consultant')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Draft an offering (consultant)',
    description:
      'Its VAT regime is the Chambre’s default for its kind; `vatTreatment` is not accepted (400).',
  })
  @ApiCreatedResponse({ type: OfferingDto })
  create(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: CreateOfferingDto,
  ): Promise<OfferingView> {
    return this.createOffering.execute({ actor, ...body });
  }

  @Patch(':id')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Edit one’s own offering (draft, rejected or published)',
    description:
      'A draft or rejected offering changes at once. On a published one, title, summary, description, a training’s pedagogical content and ' +
      'prices become a revision awaiting the Chambre’s review (`pendingRevision`; a second edit amends it) ' +
      'while the published version stays live; category, delivery mode, départements, duration, cancellation ' +
      'policy and seats per organisation change at once. `vatTreatment` is not accepted (400): the ' +
      'Chambre sets it (PUT /offerings/:id/vat-treatment).',
  })
  @ApiOkResponse({ type: ManagedOfferingDto })
  update(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: UpdateOfferingDto,
  ): Promise<ManagedOfferingView> {
    return this.updateOffering.execute({ actor, offeringId: params.id, ...body });
  }

  @Post(':id/submit')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Submit one’s offering for moderation (owner)',
    description:
      'A training needs its complete pedagogical content (R6353-1): 422 with each missing pedagogy.* field otherwise.',
  })
  @ApiOkResponse({ type: ManagedOfferingDto })
  submit(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
  ): Promise<ManagedOfferingView> {
    return this.submitOffering.execute(actor, params.id);
  }

  @Post(':id/publish')
  @HttpCode(HttpStatus.OK)
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Publish a submitted offering, or approve the changes awaiting review on a published one (admin)',
  })
  @ApiOkResponse({ type: ManagedOfferingDto })
  publish(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
  ): Promise<ManagedOfferingView> {
    return this.publishOffering.execute(actor, params.id);
  }

  @Post(':id/reject')
  @HttpCode(HttpStatus.OK)
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Reject a submitted offering, or the changes awaiting review on a published one (which stays live), with a reason the consultant sees (admin)',
  })
  @ApiOkResponse({ type: ManagedOfferingDto })
  reject(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: RejectOfferingDto,
  ): Promise<ManagedOfferingView> {
    return this.rejectOffering.execute(actor, params.id, body.reason);
  }

  @Post(':id/archive')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Archive an offering (owner or admin); it leaves the catalogue' })
  @ApiOkResponse({ type: ManagedOfferingDto })
  archive(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
  ): Promise<ManagedOfferingView> {
    return this.archiveOffering.execute(actor, params.id);
  }

  @Put(':id/vat-treatment')
  @Roles('admin', 'finance')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Set an offering’s VAT regime: the Chambre’s decision (admin, finance)',
    description:
      'One of the closed list (GET /vat-regimes), allowed for the offering’s kind: exempt_training only on a ' +
      'training and once the Chambre’s DREETS attestation date is recorded (422 training_exemption_not_attested; ' +
      'a regime not for the kind answers 422 vat_treatment_not_allowed). Applies at once before publication; on a ' +
      'published offering it becomes a revision awaiting an admin’s approval (`pendingRevision`) while the live ' +
      'regime stays. Bookings keep the regime they snapshotted.',
  })
  @ApiOkResponse({ type: ManagedOfferingDto })
  putVatTreatment(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: SetVatTreatmentDto,
  ): Promise<ManagedOfferingView> {
    return this.setVatTreatment.execute({
      actor,
      offeringId: params.id,
      vatTreatment: body.vatTreatment,
    });
  }
}
