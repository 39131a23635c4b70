import { Category } from './category.entity';
import { ConsultantProfile } from './consultant-profile.entity';
import { ConsultationSlot } from './consultation-slot.entity';
import { Offering } from './offering.entity';
import { OfferingRevision } from './offering-revision.entity';
import { OfferingVatSettings } from './offering-vat-settings.entity';
import { TrainingSession } from './training-session.entity';

export { Category, ConsultantProfile, ConsultationSlot, Offering, TrainingSession };
export { OfferingRevision, OfferingVatSettings };
export type { OfferingRevisionStatus } from './offering-revision.entity';

export const catalogueEntities = [
  Category,
  ConsultantProfile,
  Offering,
  TrainingSession,
  ConsultationSlot,
  OfferingRevision,
  OfferingVatSettings,
];
