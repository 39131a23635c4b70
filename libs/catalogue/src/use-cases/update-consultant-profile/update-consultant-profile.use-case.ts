import { Injectable } from '@nestjs/common';
import { Actor } from '@mutualis/identity';
import {
  ConsultantProfileRepository,
  ProfileFields,
} from '../../repositories/consultant-profile.repository';
import { assertConsultant } from '../../services/consultant-role';
import {
  ConsultantProfileView,
  presentConsultantProfile,
} from '../../views/consultant-profile.view';

/** A consultant writes their profile: bio, expertise and départements, trimmed and deduplicated. */
@Injectable()
export class UpdateConsultantProfileUseCase {
  constructor(private readonly profiles: ConsultantProfileRepository) {}

  async execute(actor: Actor, fields: ProfileFields): Promise<ConsultantProfileView> {
    assertConsultant(actor);
    const unique = <T>(values: T[]): T[] => [...new Set(values)];
    const profile = await this.profiles.upsert(actor.userId, {
      bio: fields.bio.trim(),
      expertise: unique(fields.expertise.map((item) => item.trim()).filter(Boolean)),
      departments: unique(fields.departments).sort(),
    });
    return presentConsultantProfile(actor.userId, profile);
  }
}
