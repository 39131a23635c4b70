import { Category } from './category.entity';
import { ConsultantProfile } from './consultant-profile.entity';
import { ConsultationSlot } from './consultation-slot.entity';
import { Offering } from './offering.entity';
import { OfferingRevision } from './offering-revision.entity';
import { TrainingSession } from './training-session.entity';

export { Category, ConsultantProfile, ConsultationSlot, Offering, TrainingSession };
export { OfferingRevision };
export type { OfferingRevisionStatus } from './offering-revision.entity';

export const catalogueEntities = [
  Category,
  ConsultantProfile,
  Offering,
  TrainingSession,
  ConsultationSlot,
  OfferingRevision,
];
