import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sha256Hex } from '@mutualis/documents';
import { DataSource } from 'typeorm';
import { CatalogueFactsService, TrainingContentFacts, VAT_REGIMES } from '@mutualis/catalogue';
import { ContactDirectoryService } from '@mutualis/identity';
import { ChambreSettingsQuery } from '@mutualis/invoicing';
import { TrainingBody, trainingBodyOf } from '../domain/training-body';
import { renderProgramme } from '../pdf/programme.renderer';
import { TrainingDocumentsService } from './training-documents.service';

export const programmeSeriesKey = (offeringId: string): string => `programme:${offeringId}`;

/**
 * A training offering's programme (R6353-1): rendered from its live content whenever asked, and
 * recorded as a document version each time the Chambre publishes it or approves a revision.
 */
@Injectable()
export class ProgrammeDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueFactsService,
    private readonly contacts: ContactDirectoryService,
    private readonly chambre: ChambreSettingsQuery,
    private readonly documents: TrainingDocumentsService,
  ) {}

  /** The Chambre as the training body that signs its documents. */
  async trainingBody(): Promise<TrainingBody> {
    return trainingBodyOf(await this.chambre.get());
  }

  /** The programme's PDF as the offering stands; the same content gives the same bytes. */
  async render(content: TrainingContentFacts): Promise<Buffer> {
    const [body, names] = await Promise.all([
      this.trainingBody(),
      this.contacts.namesByIds([content.consultantId]),
    ]);
    return renderProgramme({
      body,
      offering: {
        title: content.title,
        summary: content.summary,
        deliveryMode: content.deliveryMode,
        durationMinutes: content.durationMinutes,
        memberPriceCents: content.memberPriceCents,
        nonMemberPriceCents: content.nonMemberPriceCents,
        vatMention: vatMention(content),
        pedagogy: content.pedagogy ?? {},
      },
      trainerName: names.get(content.consultantId) ?? null,
      versionAt: content.updatedAt,
    });
  }

  /**
   * Records the published programme as the next version of its series, unless the latest version
   * already has these very bytes (a replayed event, or a publication that changed nothing
   * printed). Skips what is not a published training.
   */
  async recordPublished(offeringId: string): Promise<'recorded' | 'unchanged' | 'skipped'> {
    const content = await this.catalogue.trainingContent(offeringId);
    if (!content || content.kind !== 'training' || content.status !== 'published') {
      return 'skipped';
    }
    const pdf = await this.render(content);
    // One job per publication event (its id is the job id): no two run for one offering at once
    // in practice; were they to, the store numbers versions under its own lock.
    return this.dataSource.transaction(async (manager) => {
      const latest = await this.documents.latest(programmeSeriesKey(offeringId), manager);
      if (latest && latest.document.sha256 === sha256Hex(pdf)) return 'unchanged';
      await this.documents.record(
        {
          kind: 'programme',
          seriesKey: programmeSeriesKey(offeringId),
          title: `Programme — ${content.title}`,
          fileName: 'programme.pdf',
          content: pdf,
          offeringId,
        },
        manager,
      );
      return 'recorded';
    });
  }
}

function vatMention(content: TrainingContentFacts): string {
  if (content.vatTreatment === 'standard')
    return 'Prix hors taxes ; TVA au taux normal de 20 % en sus.';
  const regime: { label: string; mention: string | null } = VAT_REGIMES[content.vatTreatment];
  return `Prix nets de taxe : ${regime.mention ?? regime.label}.`;
}
