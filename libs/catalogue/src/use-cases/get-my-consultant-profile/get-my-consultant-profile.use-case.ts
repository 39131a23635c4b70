import { Injectable } from '@nestjs/common';
import { Actor } from '@mutualis/identity';
import { ConsultantProfileRepository } from '../../repositories/consultant-profile.repository';
import { assertConsultant } from '../../services/consultant-role';
import {
  ConsultantProfileView,
  presentConsultantProfile,
} from '../../views/consultant-profile.view';

/** The caller's own consultant profile, created empty the first time it is asked for. */
@Injectable()
export class GetMyConsultantProfileUseCase {
  constructor(private readonly profiles: ConsultantProfileRepository) {}

  async execute(actor: Actor): Promise<ConsultantProfileView> {
    assertConsultant(actor);
    return presentConsultantProfile(actor.userId, await this.profiles.ensure(actor.userId));
  }
}
