import { Injectable } from '@nestjs/common';
import { Actor, hasRole } from '@mutualis/identity';
import { CatalogueErrorCode, CatalogueException } from '../../catalogue.exception';
import { ConsultantProfile } from '../../entities/consultant-profile.entity';
import {
  ConsultantProfileRepository,
  ProfileFields,
} from '../../repositories/consultant-profile.repository';

export interface ConsultantProfileView {
  userId: string;
  bio: string;
  expertise: string[];
  departments: string[];
  updatedAt: string | null;
}

function present(userId: string, profile: ConsultantProfile | null): ConsultantProfileView {
  return {
    userId,
    bio: profile?.bio ?? '',
    expertise: profile?.expertise ?? [],
    departments: profile?.departments ?? [],
    updatedAt: profile?.updatedAt.toISOString() ?? null,
  };
}

/** A consultant's public profile, which every user with the consultant role has (empty until written). */
@Injectable()
export class ConsultantProfileUseCase {
  constructor(private readonly profiles: ConsultantProfileRepository) {}

  async get(userId: string): Promise<ConsultantProfileView> {
    const profile = await this.profiles.findByUserId(userId);
    if (!profile)
      throw new CatalogueException(
        CatalogueErrorCode.ConsultantNotFound,
        'no consultant has this id',
      );
    return present(userId, profile);
  }

  async getMine(actor: Actor): Promise<ConsultantProfileView> {
    assertConsultant(actor);
    return present(actor.userId, await this.ensure(actor.userId));
  }

  async update(actor: Actor, fields: ProfileFields): Promise<ConsultantProfileView> {
    assertConsultant(actor);
    const unique = <T>(values: T[]): T[] => [...new Set(values)];
    const profile = await this.profiles.upsert(actor.userId, {
      bio: fields.bio.trim(),
      expertise: unique(fields.expertise.map((item) => item.trim()).filter(Boolean)),
      departments: unique(fields.departments).sort(),
    });
    return present(actor.userId, profile);
  }

  /** Creates the empty profile of a consultant who has none yet. */
  async ensure(userId: string): Promise<ConsultantProfile> {
    return (
      (await this.profiles.findByUserId(userId)) ??
      this.profiles.upsert(userId, { bio: '', expertise: [], departments: [] })
    );
  }
}

export function assertConsultant(actor: Actor): void {
  if (!hasRole(actor, 'consultant')) {
    throw new CatalogueException(CatalogueErrorCode.NotAConsultant, 'only consultants may do this');
  }
}
