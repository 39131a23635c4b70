import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '@mutualis/core';
import {
  DeliveryView,
  ListDeliveriesUseCase,
  ResendDeliveryUseCase,
} from '@mutualis/notifications';
import { Roles } from '../http/auth/roles.decorator';
import { IdParams } from '../http/params.dto';
import { DeliveryDto, DeliveryPageDto, ListDeliveriesQueryDto } from './dtos/notification.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/notifications')
export class NotificationDeliveriesController {
  constructor(
    private readonly listDeliveries: ListDeliveriesUseCase,
    private readonly resendDelivery: ResendDeliveryUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The e-mail delivery log, newest first (Chambre admin)' })
  @ApiOkResponse({ type: DeliveryPageDto })
  list(@Query() query: ListDeliveriesQueryDto): Promise<Page<DeliveryView>> {
    return this.listDeliveries.execute({
      statuses: query.status,
      recipient: query.recipient,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  @Post(':id/resend')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a failed e-mail again, as it was planned' })
  @ApiOkResponse({ type: DeliveryDto })
  resend(@Param() params: IdParams): Promise<DeliveryView> {
    return this.resendDelivery.execute(params.id);
  }
}
