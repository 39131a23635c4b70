import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Offering } from '@mutualis/catalogue';

/** What the completion documents read of the offering beyond catalogue's facts. */
@Injectable()
export class CompletionFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The training's objectives, one per line. Until the offering states them as a list (the
   * pedagogical fields of R6353-1, catalogue), its summary is the one objective printed.
   */
  async objectivesOf(offeringId: string): Promise<string[]> {
    const offering = await this.dataSource.manager.findOne(Offering, {
      select: { id: true, summary: true },
      where: { id: offeringId },
    });
    const summary = offering?.summary.trim();
    return summary ? [summary] : [];
  }
}
