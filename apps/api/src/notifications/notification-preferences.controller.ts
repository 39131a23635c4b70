import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GetNotificationPreferencesUseCase,
  UpdateNotificationPreferencesUseCase,
} from '@mutualis/notifications';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import {
  NotificationPreferencesDto,
  UpdateNotificationPreferencesDto,
} from './dtos/notification.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(
    private readonly getPreferences: GetNotificationPreferencesUseCase,
    private readonly updatePreferences: UpdateNotificationPreferencesUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s e-mail preferences' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  get(@CurrentActor() actor: AuthenticatedActor): Promise<NotificationPreferencesDto> {
    return this.getPreferences.execute(actor);
  }

  @Put()
  @ApiOperation({ summary: 'Turn optional e-mail (session reminders) on or off' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  update(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesDto> {
    return this.updatePreferences.execute(actor, { sessionReminders: body.sessionReminders });
  }
}
