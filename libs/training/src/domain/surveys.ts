import { createHash, randomBytes } from 'node:crypto';

export const SURVEY_STAGES = ['hot', 'cold'] as const;
/** hot: at the session's end; cold: some days later (the settings' coldSurveyDaysAfter). */
export type SurveyStage = (typeof SURVEY_STAGES)[number];
export type SurveyRespondent = 'trainee' | 'organisation';

/** The scores every survey asks, 1 (poor) to 5 (excellent). */
export const SURVEY_SCORES = [
  'overall',
  'objectivesMet',
  'content',
  'trainer',
  'organisation',
] as const;
export type SurveyScore = (typeof SURVEY_SCORES)[number];

/** The cold survey's own score: what was put into practice since the training. */
export const COLD_SCORE = 'practice' as const;

/** Days a survey link stays open after it is sent. */
export const SURVEY_OPEN_DAYS = 60;

/** A link's secret (32 random bytes, base64url) and the SHA-256 the database keeps of it. */
export function newSurveyToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSurveyToken(token) };
}

export function hashSurveyToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** A token as minted: 43 base64url characters; anything else is refused before any query. */
export function isWellFormedSurveyToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** When a stage is due for a session ending at `endsAt`. */
export function surveyDueAt(stage: SurveyStage, endsAt: Date, coldDaysAfter: number): Date {
  if (stage === 'hot') return endsAt;
  return new Date(endsAt.getTime() + coldDaysAfter * 86_400_000);
}
