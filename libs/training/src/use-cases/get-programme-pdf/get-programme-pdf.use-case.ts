import { Injectable } from '@nestjs/common';
import { CatalogueFactsService, OfferingAccessService } from '@mutualis/catalogue';
import { Actor } from '@mutualis/identity';
import { TrainingErrorCode, TrainingException } from '../../training.exception';
import { ProgrammeDocumentsService } from '../../services/programme-documents.service';

/**
 * A training's programme PDF as it stands: anyone may read a published one (it is what the
 * public is told before booking); a draft only its consultant and the Chambre's admins (404 for
 * anyone else, as the offering itself).
 */
@Injectable()
export class GetProgrammePdfUseCase {
  constructor(
    private readonly access: OfferingAccessService,
    private readonly catalogue: CatalogueFactsService,
    private readonly programmes: ProgrammeDocumentsService,
  ) {}

  async execute(actor: Actor | null, offeringId: string): Promise<{ title: string; pdf: Buffer }> {
    const offering = await this.access.getVisible(actor, offeringId);
    if (offering.kind !== 'training') {
      throw new TrainingException(
        TrainingErrorCode.NotATraining,
        'only a training has a programme; this offering is a consultation',
      );
    }
    const content = (await this.catalogue.trainingContent(offering.id))!;
    return { title: offering.title, pdf: await this.programmes.render(content) };
  }
}
