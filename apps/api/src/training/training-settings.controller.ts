import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TrainingSettingsView, UpdateTrainingSettingsUseCase } from '@mutualis/training';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { Roles } from '../http/auth/roles.decorator';
import { TrainingSettingsBodyDto, TrainingSettingsDto } from './training-documents.dto';

@ApiTags('training')
@ApiBearerAuth()
@Controller('admin/training/settings')
@Roles('admin')
export class TrainingSettingsController {
  constructor(private readonly settings: UpdateTrainingSettingsUseCase) {}

  @Get()
  @ApiOperation({ summary: 'How the Chambre runs its trainings, and who signs for it (admin)' })
  @ApiOkResponse({ type: TrainingSettingsDto })
  get(): Promise<TrainingSettingsView> {
    return this.settings.get();
  }

  @Put()
  @ApiOperation({
    summary:
      'Set the training settings (admin): convocation and survey delays, the signed convention requirement, ' +
      'the signing margin and the Chambre’s signatory',
  })
  @ApiOkResponse({ type: TrainingSettingsDto })
  update(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: TrainingSettingsBodyDto,
  ): Promise<TrainingSettingsView> {
    return this.settings.execute(actor, body);
  }
}
