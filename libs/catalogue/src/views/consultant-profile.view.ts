import { ConsultantProfile } from '../entities/consultant-profile.entity';

export interface ConsultantProfileView {
  userId: string;
  bio: string;
  expertise: string[];
  departments: string[];
  updatedAt: string | null;
}

/** A consultant's profile as the api answers it; empty fields until the consultant writes it. */
export function presentConsultantProfile(
  userId: string,
  profile: ConsultantProfile | null,
): ConsultantProfileView {
  return {
    userId,
    bio: profile?.bio ?? '',
    expertise: profile?.expertise ?? [],
    departments: profile?.departments ?? [],
    updatedAt: profile?.updatedAt.toISOString() ?? null,
  };
}
