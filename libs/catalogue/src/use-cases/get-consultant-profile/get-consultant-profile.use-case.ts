import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, CatalogueException } from '../../catalogue.exception';
import { ConsultantProfileRepository } from '../../repositories/consultant-profile.repository';
import {
  ConsultantProfileView,
  presentConsultantProfile,
} from '../../views/consultant-profile.view';

/** A consultant's public profile, which every user with the consultant role has. */
@Injectable()
export class GetConsultantProfileUseCase {
  constructor(private readonly profiles: ConsultantProfileRepository) {}

  async execute(userId: string): Promise<ConsultantProfileView> {
    const profile = await this.profiles.findByUserId(userId);
    if (!profile)
      throw new CatalogueException(
        CatalogueErrorCode.ConsultantNotFound,
        'no consultant has this id',
      );
    return presentConsultantProfile(userId, profile);
  }
}
