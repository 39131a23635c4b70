import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** What the attestation prints of the training's pedagogical content (R6353-1). */
export interface CompletionPedagogy {
  objectives: string[];
  /** How acquired knowledge is evaluated, as the offering states it; null when not stated. */
  evaluationMethods: string | null;
}

/** What the completion documents read of the offering beyond catalogue's session facts. */
@Injectable()
export class CompletionFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The objectives and evaluation methods of catalogue's `pedagogy` (R6353-1). Read through the
   * row as JSON, so an offering without the column or the fields (a training published before
   * they were required) reads as null, not as an error: its summary is then the one objective.
   */
  async pedagogyOf(offeringId: string): Promise<CompletionPedagogy> {
    const [row] = await this.dataSource.query<
      { summary: string; objectives: unknown; evaluation_methods: unknown }[]
    >(
      `SELECT offering.summary,
              to_jsonb(offering) -> 'pedagogy' -> 'objectives' AS objectives,
              to_jsonb(offering) -> 'pedagogy' ->> 'evaluationMethods' AS evaluation_methods
         FROM offerings offering
        WHERE offering.id = $1`,
      [offeringId],
    );
    if (!row) return { objectives: [], evaluationMethods: null };
    const objectives = Array.isArray(row.objectives)
      ? row.objectives.filter(
          (objective): objective is string =>
            typeof objective === 'string' && objective.trim() !== '',
        )
      : [];
    const summary = row.summary.trim();
    return {
      objectives: objectives.length > 0 ? objectives : summary ? [summary] : [],
      evaluationMethods:
        typeof row.evaluation_methods === 'string' && row.evaluation_methods.trim() !== ''
          ? row.evaluation_methods.trim()
          : null,
    };
  }
}
