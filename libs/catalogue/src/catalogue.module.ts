import { CataloguePersonalDataRepository } from './repositories/catalogue-personal-data.repository';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@mutualis/core';
import { IdentityModule } from '@mutualis/identity';
import { catalogueEntities } from './entities';
import { CategoryRepository } from './repositories/category.repository';
import { ConsultantProfileRepository } from './repositories/consultant-profile.repository';
import { ConsultationSlotRepository } from './repositories/consultation-slot.repository';
import { OfferingSearchRepository } from './repositories/offering-search.repository';
import { OfferingRepository } from './repositories/offering.repository';
import { TrainingSessionRepository } from './repositories/training-session.repository';
import { CatalogueFactsService } from './services/catalogue-facts.service';
import { OfferingAccessService } from './services/offering-access.service';
import { PricingService } from './services/pricing.service';
import { SeatInventoryService } from './services/seat-inventory.service';
import { CancelSessionUseCase } from './use-cases/cancel-session/cancel-session.use-case';
import { RescheduleSessionUseCase } from './use-cases/reschedule-session/reschedule-session.use-case';
import { CancelSlotUseCase } from './use-cases/cancel-slot/cancel-slot.use-case';
import { CompletePastSessionsUseCase } from './use-cases/complete-past-sessions/complete-past-sessions.use-case';
import { CreateOfferingUseCase } from './use-cases/create-offering/create-offering.use-case';
import { GetOfferingUseCase } from './use-cases/get-offering/get-offering.use-case';
import { ListCategoriesUseCase } from './use-cases/list-categories/list-categories.use-case';
import { ListFreeSlotsUseCase } from './use-cases/list-free-slots/list-free-slots.use-case';
import { ListSessionsUseCase } from './use-cases/list-sessions/list-sessions.use-case';
import { OpenSlotsUseCase } from './use-cases/open-slots/open-slots.use-case';
import { ScheduleSessionUseCase } from './use-cases/schedule-session/schedule-session.use-case';
import { SearchOfferingsUseCase } from './use-cases/search-offerings/search-offerings.use-case';
import { UpdateOfferingUseCase } from './use-cases/update-offering/update-offering.use-case';
import { OfferingRevisionRepository } from './repositories/offering-revision.repository';
import { OfferingRevisionsService } from './services/offering-revisions.service';
import { ListOfferingRevisionsUseCase } from './use-cases/list-offering-revisions/list-offering-revisions.use-case';
import { SetVatTreatmentUseCase } from './use-cases/set-vat-treatment/set-vat-treatment.use-case';
import { OfferingModerationService } from './services/offering-moderation.service';
import { GetConsultantProfileUseCase } from './use-cases/get-consultant-profile/get-consultant-profile.use-case';
import { GetMyConsultantProfileUseCase } from './use-cases/get-my-consultant-profile/get-my-consultant-profile.use-case';
import { UpdateConsultantProfileUseCase } from './use-cases/update-consultant-profile/update-consultant-profile.use-case';
import { ListMyOfferingsUseCase } from './use-cases/list-my-offerings/list-my-offerings.use-case';
import { ListOfferingsForModerationUseCase } from './use-cases/list-offerings-for-moderation/list-offerings-for-moderation.use-case';
import { SubmitOfferingUseCase } from './use-cases/submit-offering/submit-offering.use-case';
import { PublishOfferingUseCase } from './use-cases/publish-offering/publish-offering.use-case';
import { RejectOfferingUseCase } from './use-cases/reject-offering/reject-offering.use-case';
import { ArchiveOfferingUseCase } from './use-cases/archive-offering/archive-offering.use-case';
import { CatalogueHandlers } from './jobs/catalogue.handlers';
import { OfferingVatSettingsRepository } from './repositories/offering-vat-settings.repository';
import { OfferingVatSettingsService } from './services/offering-vat-settings.service';
import { ListVatRegimesUseCase } from './use-cases/list-vat-regimes/list-vat-regimes.use-case';

const useCases = [
  CancelSessionUseCase,
  RescheduleSessionUseCase,
  CancelSlotUseCase,
  CompletePastSessionsUseCase,
  GetConsultantProfileUseCase,
  GetMyConsultantProfileUseCase,
  UpdateConsultantProfileUseCase,
  CreateOfferingUseCase,
  GetOfferingUseCase,
  ListCategoriesUseCase,
  ListFreeSlotsUseCase,
  ListMyOfferingsUseCase,
  ListOfferingsForModerationUseCase,
  ListSessionsUseCase,
  SubmitOfferingUseCase,
  PublishOfferingUseCase,
  RejectOfferingUseCase,
  ArchiveOfferingUseCase,
  OpenSlotsUseCase,
  ScheduleSessionUseCase,
  SearchOfferingsUseCase,
  UpdateOfferingUseCase,
  ListOfferingRevisionsUseCase,
  SetVatTreatmentUseCase,
  ListVatRegimesUseCase,
];

/** Categories, consultant profiles, offerings and their moderation, sessions, slots and search. */
@Module({
  imports: [TypeOrmModule.forFeature(catalogueEntities), IdentityModule, AuditModule],
  providers: [
    CatalogueHandlers,
    CataloguePersonalDataRepository,
    CategoryRepository,
    ConsultantProfileRepository,
    ConsultationSlotRepository,
    OfferingRepository,
    OfferingSearchRepository,
    TrainingSessionRepository,
    OfferingAccessService,
    PricingService,
    SeatInventoryService,
    CatalogueFactsService,
    OfferingRevisionRepository,
    OfferingRevisionsService,
    OfferingModerationService,
    OfferingVatSettingsRepository,
    OfferingVatSettingsService,
    ...useCases,
  ],
  exports: [
    CataloguePersonalDataRepository,
    CatalogueFactsService,
    PricingService,
    SeatInventoryService,
    OfferingAccessService,
    OfferingSearchRepository,
    OfferingVatSettingsService,
    ...useCases,
  ],
})
export class CatalogueModule {}
