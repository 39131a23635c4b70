import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { newSurveyToken } from '../domain/surveys';
import { SurveyRepository } from '../repositories/survey.repository';

/**
 * A survey link's secret exists only in the mail that carries it: made when the message is sent,
 * only its SHA-256 kept. Sending again makes a new link and the previous one stops working.
 */
@Injectable()
export class SurveyLinksService {
  constructor(private readonly surveys: SurveyRepository) {}

  /** The token of a fresh link, or null when the invitation is answered or closed. */
  async mint(invitationId: string, manager: EntityManager): Promise<string | null> {
    const { token, hash } = newSurveyToken();
    return (await this.surveys.replaceTokenHash(invitationId, hash, manager)) ? token : null;
  }
}
