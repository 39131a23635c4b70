import { Injectable } from '@nestjs/common';
import { Clock, parisDate } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { CatalogueErrorCode, CatalogueException } from '../../catalogue.exception';
import {
  CancellationPolicy,
  DEFAULT_CANCELLATION_POLICY,
  DeliveryMode,
  OfferingKind,
} from '../../catalogue.types';
import { CategoryRepository } from '../../repositories/category.repository';
import { OfferingRepository } from '../../repositories/offering.repository';
import { OfferingView, presentOffering } from '../../views/offering.view';
import { ConsultantProfileRepository } from '../../repositories/consultant-profile.repository';
import { OfferingVatSettingsRepository } from '../../repositories/offering-vat-settings.repository';
import { assertConsultant } from '../../services/consultant-role';
import { defaultVatTreatment } from '../../services/offering-vat-policy';
import { assertValidOffering } from './offering-rules';
import { TrainingPedagogy } from '../../training-pedagogy';

export interface OfferingContent {
  title: string;
  summary: string;
  description: string;
  categorySlug: string;
  kind: OfferingKind;
  deliveryMode: DeliveryMode;
  departments: string[];
  durationMinutes: number;
  memberPriceCents: number;
  nonMemberPriceCents: number;
  cancellationPolicy?: CancellationPolicy;
  maxSeatsPerOrganisation?: number | null;
  /** A training's R6353-1 content; may be partial until it is submitted. */
  pedagogy?: TrainingPedagogy | null;
}

export interface CreateOfferingCommand extends OfferingContent {
  actor: Actor;
}

/**
 * A consultant drafts an offering; nobody else sees it until the Chambre publishes it. Its VAT
 * regime is the Chambre's default for its kind (the Chambre's settings); only the Chambre
 * changes it (SetVatTreatmentUseCase).
 */
@Injectable()
export class CreateOfferingUseCase {
  constructor(
    private readonly offerings: OfferingRepository,
    private readonly categories: CategoryRepository,
    private readonly profiles: ConsultantProfileRepository,
    private readonly vatSettings: OfferingVatSettingsRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateOfferingCommand): Promise<OfferingView> {
    assertConsultant(command.actor);
    const category = await this.categories.findBySlug(command.categorySlug);
    if (!category) throw unknownCategory(command.categorySlug);
    const fields = {
      consultantId: command.actor.userId,
      categoryId: category.id,
      title: command.title.trim(),
      summary: command.summary.trim(),
      description: command.description,
      kind: command.kind,
      deliveryMode: command.deliveryMode,
      departments: [...command.departments].sort(),
      durationMinutes: command.durationMinutes,
      memberPriceCents: command.memberPriceCents,
      nonMemberPriceCents: command.nonMemberPriceCents,
      vatTreatment: defaultVatTreatment(
        command.kind,
        await this.vatSettings.current(),
        parisDate(this.clock.now()),
      ),
      cancellationPolicy: command.cancellationPolicy ?? DEFAULT_CANCELLATION_POLICY,
      maxSeatsPerOrganisation: command.maxSeatsPerOrganisation ?? null,
      pedagogy: command.pedagogy ?? null,
    };
    assertValidOffering(fields);
    await this.profiles.ensure(command.actor.userId);
    const offering = await this.offerings.create(fields);
    return presentOffering(offering, category, true);
  }
}

export function unknownCategory(slug: string, field = 'categorySlug'): CatalogueException {
  return new CatalogueException(CatalogueErrorCode.UnknownCategory, `no category "${slug}"`, [
    { field, message: 'is not a known category (see GET /api/categories)' },
  ]);
}
