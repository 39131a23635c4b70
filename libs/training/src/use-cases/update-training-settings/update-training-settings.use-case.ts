import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@mutualis/core';
import { Actor, ContactDirectoryService } from '@mutualis/identity';
import {
  TrainingSettingsChanges,
  TrainingSettingsRepository,
} from '../../repositories/training-settings.repository';
import { TrainingErrorCode, TrainingException } from '../../training.exception';
import { TrainingSettings } from '../../entities/training-settings.entity';

export interface TrainingSettingsView {
  convocationDaysBefore: number;
  coldSurveyDaysAfter: number;
  requireSignedConvention: boolean;
  signingMarginMinutes: number;
  /** The user who signs conventions (and certificates) for the Chambre; null until named. */
  signatoryUserId: string | null;
  signatoryName: string | null;
  signatoryCapacity: string | null;
  updatedAt: string;
}

export function presentTrainingSettings(settings: TrainingSettings): TrainingSettingsView {
  return {
    convocationDaysBefore: settings.convocationDaysBefore,
    coldSurveyDaysAfter: settings.coldSurveyDaysAfter,
    requireSignedConvention: settings.requireSignedConvention,
    signingMarginMinutes: settings.signingMarginMinutes,
    signatoryUserId: settings.signatoryUserId,
    signatoryName: settings.signatoryName,
    signatoryCapacity: settings.signatoryCapacity,
    updatedAt: settings.updatedAt.toISOString(),
  };
}

/** The Chambre's admins set how trainings run, and who signs for the Chambre. */
@Injectable()
export class UpdateTrainingSettingsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: TrainingSettingsRepository,
    private readonly contacts: ContactDirectoryService,
    private readonly audit: AuditLog,
  ) {}

  async get(): Promise<TrainingSettingsView> {
    return presentTrainingSettings(await this.settings.current());
  }

  async execute(actor: Actor, changes: TrainingSettingsChanges): Promise<TrainingSettingsView> {
    const signatoryUserId = changes.signatoryUserId;
    let signatoryName = changes.signatoryName?.trim();
    if (signatoryUserId) {
      const [signatory] = await this.contacts.usersByIds([signatoryUserId]);
      if (!signatory) {
        throw new TrainingException(
          TrainingErrorCode.InvalidSettings,
          'the signatory must be an active user',
          [{ field: 'signatoryUserId', message: 'no active user has this id' }],
        );
      }
      // The name printed defaults to the account's.
      if (signatoryName === undefined) signatoryName = signatory.name ?? undefined;
    }
    const normalised: TrainingSettingsChanges = {
      ...changes,
      ...(signatoryName !== undefined ? { signatoryName: signatoryName || null } : {}),
      ...(changes.signatoryCapacity !== undefined
        ? { signatoryCapacity: changes.signatoryCapacity?.trim() || null }
        : {}),
    };
    const updated = await this.dataSource.transaction(async (manager) => {
      const before = await this.settings.current(manager);
      const after = await this.settings.update(normalised, actor.userId, manager);
      await this.audit.record(manager, {
        action: 'training_settings.set',
        entityType: 'chambre',
        entityId: before.chambreId,
        before: { ...presentTrainingSettings(before) },
        after: { ...presentTrainingSettings(after) },
      });
      return after;
    });
    return presentTrainingSettings(updated);
  }
}
