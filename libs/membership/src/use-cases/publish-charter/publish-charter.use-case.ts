import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, isUniqueViolation } from '@mutualis/core';
import { ChambreScopeRepository } from '../../repositories/chambre-scope.repository';
import { CharterRepository } from '../../repositories/charter.repository';
import { CharterView, presentCharter } from '../../views/charter.view';

export interface PublishCharterCommand {
  title: string;
  body: string;
  userId: string;
}

const ATTEMPTS = 3;

/**
 * The Chambre publishes a new version of its statutes or charter (versions are never edited:
 * applications name the one they accepted). Applications from then on must accept it.
 */
@Injectable()
export class PublishCharterUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly chambre: ChambreScopeRepository,
    private readonly charters: CharterRepository,
    private readonly audit: AuditLog,
  ) {}

  async execute(command: PublishCharterCommand): Promise<CharterView> {
    const chambreId = await this.chambre.currentId();
    for (let attempt = 1; ; attempt++) {
      try {
        const charter = await this.dataSource.transaction(async (manager) => {
          const published = await this.charters.publishNext(
            chambreId,
            command.title.trim(),
            command.body,
            manager,
          );
          await this.audit.record(manager, {
            action: 'membership.charter-published',
            entityType: 'membership_charter',
            entityId: published.id,
            before: null,
            after: { version: published.version, title: published.title },
          });
          return published;
        });
        return presentCharter(charter);
      } catch (error) {
        // Another admin published the same version number first: the next one is ours.
        if (attempt < ATTEMPTS && isUniqueViolation(error, 'membership_charters_version_key'))
          continue;
        throw error;
      }
    }
  }
}
