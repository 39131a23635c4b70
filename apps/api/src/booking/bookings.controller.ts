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
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Response } from 'express';
import {
  AcceptOfferUseCase,
  BookedView,
  BookingView,
  BookUseCase,
  CancelBookingUseCase,
  CancellationResult,
  ConfirmBookingUseCase,
  GetBookingUseCase,
  ListBookingsUseCase,
} from '@mutualis/booking';
import { Page } from '@mutualis/core';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Roles } from '../http/auth/roles.decorator';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { IdParams } from '../http/params.dto';
import {
  BookedDto,
  BookingDto,
  BookingPageDto,
  CancelBookingDto,
  CancellationDto,
  ConfirmBookingDto,
  CreateBookingDto,
  ListBookingsQueryDto,
} from './dtos/booking.dto';

@ApiTags('booking')
@ApiBearerAuth()
@Controller('bookings')
export class BookingsController {
  constructor(
    private readonly book: BookUseCase,
    private readonly listBookings: ListBookingsUseCase,
    private readonly getBooking: GetBookingUseCase,
    private readonly cancelBooking: CancelBookingUseCase,
    private readonly acceptOffer: AcceptOfferUseCase,
    private readonly confirmBooking: ConfirmBookingUseCase,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Book seats of a session, or a consultation slot, for named attendees',
    description:
      'Answers `pending_payment` (seats held), or `waitlisted` when the session is full. With an ' +
      'Idempotency-Key, a replay answers the first response (header Idempotent-Replayed: true); the same ' +
      'key with another body answers 422.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Up to 255 visible characters.',
  })
  @ApiCreatedResponse({ type: BookedDto })
  @ApiConflictResponse({
    description:
      'unpaid_places_limit: the organisation or the caller already holds as many unpaid places as allowed.',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'Registration closed, session not bookable, seat limit, key reused; engagement_number_required / service_code_required: the public body’s Chorus Pro structure requires that reference.',
  })
  async create(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: CreateBookingDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BookedView> {
    const result = await this.book.execute({
      actor,
      organisationId: body.organisationId,
      sessionId: body.sessionId,
      slotId: body.slotId,
      attendees: body.attendees,
      engagementNumber: body.engagementNumber,
      serviceCode: body.serviceCode,
      idempotency: key ? { key, body } : undefined,
    });
    response.status(result.status);
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Get()
  @ApiOperation({
    summary:
      'Bookings the caller may see: their organisations’, their sessions’ (consultants), all (staff)',
  })
  @ApiOkResponse({ type: BookingPageDto })
  list(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: ListBookingsQueryDto,
  ): Promise<Page<BookingView>> {
    return this.listBookings.execute(actor, {
      organisationId: query.organisationId,
      sessionId: query.sessionId,
      statuses: query.status,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A booking (its organisation’s members, its consultant, staff)' })
  @ApiOkResponse({ type: BookingDto })
  get(@CurrentActor() actor: AuthenticatedActor, @Param() params: IdParams): Promise<BookingView> {
    return this.getBooking.execute(actor, params.id);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel a booking; answers the refund due under its policy' })
  @ApiOkResponse({ type: CancellationDto })
  cancel(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: CancelBookingDto,
  ): Promise<CancellationResult> {
    return this.cancelBooking.execute({
      actor,
      bookingId: params.id,
      reason: body.reason,
      fullRefund: body.fullRefund,
    });
  }

  @Post(':id/accept-offer')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Take the seats offered from the waitlist; the booking then awaits payment',
  })
  @ApiOkResponse({ type: BookingDto })
  accept(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
  ): Promise<BookingView> {
    return this.acceptOffer.execute(actor, params.id);
  }

  @Post(':id/confirm')
  @HttpCode(HttpStatus.OK)
  @Roles('admin', 'finance')
  @ApiOperation({
    summary: 'Confirm without online payment (cheque, administrative mandate); the invoice follows',
  })
  @ApiOkResponse({ type: BookingDto })
  @ApiUnprocessableEntityResponse({
    description:
      'engagement_number_required / service_code_required: the public body’s Chorus Pro structure requires a reference the booking lacks.',
  })
  confirm(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: ConfirmBookingDto,
  ): Promise<BookingView> {
    return this.confirmBooking.execute({
      bookingId: params.id,
      method: body.method,
      confirmedBy: actor.userId,
    });
  }
}
