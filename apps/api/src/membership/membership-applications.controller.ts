import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { Page } from '@mutualis/core';
import {
  ApproveApplicationUseCase,
  CharterView,
  GetCurrentCharterUseCase,
  GetMembershipCertificateUseCase,
  ListApplicationsUseCase,
  ListMembershipYearsUseCase,
  MembershipApplicationView,
  MembershipYearView,
  PublishCharterUseCase,
  RefuseApplicationUseCase,
  SubmitApplicationUseCase,
} from '@mutualis/membership';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Public } from '../http/auth/public.decorator';
import { Roles } from '../http/auth/roles.decorator';
import { IdParams } from '../http/params.dto';
import {
  ApplicationBodyDto,
  ApplicationDto,
  ApplicationPageDto,
  CertificateQueryDto,
  CharterBodyDto,
  CharterDto,
  ListApplicationsQueryDto,
  MembershipYearDto,
  RefusalBodyDto,
} from './membership.dto';

@ApiTags('membership')
@ApiBearerAuth()
@Controller()
export class MembershipApplicationsController {
  constructor(
    private readonly getCharter: GetCurrentCharterUseCase,
    private readonly publishCharter: PublishCharterUseCase,
    private readonly submitApplication: SubmitApplicationUseCase,
    private readonly listApplications: ListApplicationsUseCase,
    private readonly approveApplication: ApproveApplicationUseCase,
    private readonly refuseApplication: RefuseApplicationUseCase,
    private readonly listYears: ListMembershipYearsUseCase,
    private readonly getCertificate: GetMembershipCertificateUseCase,
  ) {}

  @Get('membership/charter')
  @Public()
  @ApiOperation({ summary: 'The current version of the charter applicants accept' })
  @ApiOkResponse({ type: CharterDto })
  charter(): Promise<CharterView> {
    return this.getCharter.execute();
  }

  @Post('membership/charters')
  @Roles('admin')
  @ApiOperation({ summary: 'Publish a new version of the charter (admin); numbered last + 1' })
  @ApiCreatedResponse({ type: CharterDto })
  publish(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: CharterBodyDto,
  ): Promise<CharterView> {
    return this.publishCharter.execute({ ...body, userId: actor.userId });
  }

  @Post('organisations/:id/membership-applications')
  @ApiOperation({
    summary:
      'Apply to join (or renew) for a year (the organisation’s admin), accepting the current charter',
  })
  @ApiCreatedResponse({ type: ApplicationDto })
  @ApiConflictResponse({
    description: 'An application for the year already waits (membership_application_pending).',
  })
  apply(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: ApplicationBodyDto,
  ): Promise<MembershipApplicationView> {
    return this.submitApplication.execute({
      actor,
      organisationId: params.id,
      year: body.year,
      family: body.family,
      headcount: body.headcount ?? null,
      annualBudgetCents: body.annualBudgetCents ?? null,
      contactName: body.contactName,
      contactEmail: body.contactEmail,
      charterVersion: body.charterVersion,
      acceptCharter: body.acceptCharter,
    });
  }

  @Get('organisations/:id/membership-applications')
  @ApiOperation({ summary: 'The organisation’s applications, newest first (its users, staff)' })
  @ApiOkResponse({ type: [ApplicationDto] })
  forOrganisation(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
  ): Promise<MembershipApplicationView[]> {
    return this.listApplications.forOrganisation(actor, params.id);
  }

  @Get('membership-applications')
  @Roles('admin')
  @ApiOperation({ summary: 'Every organisation’s applications, oldest first (admin)' })
  @ApiOkResponse({ type: ApplicationPageDto })
  list(@Query() query: ListApplicationsQueryDto): Promise<Page<MembershipApplicationView>> {
    return this.listApplications.forChambre({
      status: query.status,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  @Post('membership-applications/:id/approve')
  @HttpCode(HttpStatus.OK)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Approve (admin): the membership of the year is recorded with its fee and its invoice issued',
  })
  @ApiOkResponse({ type: ApplicationDto })
  approve(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
  ): Promise<MembershipApplicationView> {
    return this.approveApplication.execute(actor, params.id);
  }

  @Post('membership-applications/:id/refuse')
  @HttpCode(HttpStatus.OK)
  @Roles('admin')
  @ApiOperation({ summary: 'Refuse with a reason (admin); the organisation is told by e-mail' })
  @ApiOkResponse({ type: ApplicationDto })
  refuse(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: RefusalBodyDto,
  ): Promise<MembershipApplicationView> {
    return this.refuseApplication.execute(actor, params.id, body.reason);
  }

  @Get('organisations/:id/membership-years')
  @ApiOperation({ summary: 'The organisation’s membership year by year, with its invoice' })
  @ApiOkResponse({ type: [MembershipYearDto] })
  years(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
  ): Promise<MembershipYearView[]> {
    return this.listYears.execute(actor, params.id);
  }

  @Get('organisations/:id/membership-certificate')
  @ApiOperation({ summary: 'The attestation d’adhésion of an active year (PDF)' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF.' })
  @ApiConflictResponse({ description: 'The year is not active (membership_not_active).' })
  async certificate(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Query() query: CertificateQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { filename, content } = await this.getCertificate.execute(actor, params.id, query.year);
    response.setHeader('Content-Disposition', `inline; filename="${filename}"`);
    return new StreamableFile(content, { type: 'application/pdf', length: content.length });
  }
}
