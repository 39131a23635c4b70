import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  RawBodyRequest,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { IsIn } from 'class-validator';
import {
  CheckoutResult,
  CheckoutUseCase,
  InvoiceCheckoutUseCase,
  ReceiveStripeEventUseCase,
  ListRefundInstructionsUseCase,
  MarkRefundDoneUseCase,
  RefundInstructionView,
} from '@mutualis/payments';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Public } from '../http/auth/public.decorator';
import { Roles } from '../http/auth/roles.decorator';
import { IdParams } from '../http/params.dto';

export class CheckoutDto {
  @ApiProperty({ enum: ['card', 'bank_transfer'] })
  @IsIn(['card', 'bank_transfer'])
  method!: 'card' | 'bank_transfer';
}

export class CheckoutResultDto {
  @ApiProperty({
    required: false,
    description: 'card: the Stripe Checkout page to send the member to.',
  })
  checkoutUrl?: string;
  @ApiProperty({
    required: false,
    format: 'uuid',
    description: 'bank_transfer: the booking’s invoice.',
  })
  invoiceId?: string;
  @ApiProperty({
    required: false,
    description: 'bank_transfer: the RF reference to quote on the transfer.',
  })
  paymentReference?: string;
}

export class InvoiceCheckoutDto {
  @ApiProperty({ enum: ['card'], description: 'Card or SEPA debit, on Stripe Checkout.' })
  @IsIn(['card'])
  method!: 'card';
}

export class InvoiceCheckoutResultDto {
  @ApiProperty({ description: 'The Stripe Checkout page to send the member to.' })
  checkoutUrl!: string;
}

export class RefundInstructionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) bookingId!: string;
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiProperty() amountCents!: number;
  @ApiProperty({ enum: ['EUR'] }) currency!: 'EUR';
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['instructed', 'done'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
}

@ApiTags('payments')
@Controller()
export class PaymentsController {
  constructor(
    private readonly checkout: CheckoutUseCase,
    private readonly invoiceCheckout: InvoiceCheckoutUseCase,
    private readonly receiveStripeEvent: ReceiveStripeEventUseCase,
    private readonly listRefundInstructions: ListRefundInstructionsUseCase,
    private readonly markRefundDone: MarkRefundDoneUseCase,
  ) {}

  @Post('bookings/:id/checkout')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Pay a booking: card (Stripe Checkout URL) or bank transfer (invoice and RF reference)',
  })
  @ApiOkResponse({ type: CheckoutResultDto })
  pay(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: CheckoutDto,
  ): Promise<CheckoutResult> {
    return this.checkout.execute(actor, params.id, body.method);
  }

  @Post('invoices/:id/checkout')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Pay an issued invoice (a cotisation, or any invoice left to pay) by card: its Stripe Checkout URL',
    description:
      'For the members of the invoice’s organisation (404 for anyone else). The amount is what the ' +
      'invoice still owes; 409 when it owes nothing (paid, cancelled, a credit note). Asked again ' +
      'while the page is open, answers the same page. Once Stripe says paid, the payment is ' +
      'recorded against the invoice.',
  })
  @ApiOkResponse({ type: InvoiceCheckoutResultDto })
  payInvoice(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    // Validated for its one method: a transfer quotes the invoice's RF reference, no checkout.
    @Body() _body: InvoiceCheckoutDto,
  ): Promise<InvoiceCheckoutResultDto> {
    return this.invoiceCheckout.execute(actor, params.id);
  }

  @Public()
  @Post('webhooks/stripe')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Stripe webhook: verified on the raw body, stored once, applied by the worker',
  })
  @ApiOkResponse({ schema: { example: { received: true, duplicate: false } } })
  stripeWebhook(
    @Req() request: RawBodyRequest<Request>,
    @Headers('stripe-signature') signature: string | undefined,
  ) {
    return this.receiveStripeEvent.execute(request.rawBody, signature);
  }

  @Get('finance/refund-instructions')
  @Roles('finance', 'admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Transfers to pay back to members (bookings paid by transfer, then cancelled)',
  })
  @ApiOkResponse({ type: [RefundInstructionDto] })
  instructions(): Promise<RefundInstructionView[]> {
    return this.listRefundInstructions.execute();
  }

  @Post('finance/refund-instructions/:id/done')
  @HttpCode(HttpStatus.OK)
  @Roles('finance', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Mark a refund transfer as paid' })
  @ApiOkResponse({ type: RefundInstructionDto })
  done(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
  ): Promise<RefundInstructionView> {
    return this.markRefundDone.execute(actor, params.id);
  }
}
