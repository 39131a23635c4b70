/** The questions scored 1 to 5, in the order the page asks them. */
export const SCORE_QUESTIONS = [
  'overall',
  'objectivesMet',
  'content',
  'trainer',
  'organisation',
] as const;
export type ScoreQuestion = (typeof SCORE_QUESTIONS)[number] | 'practice';

export const SCORES = [1, 2, 3, 4, 5] as const;

export interface SurveyDraft {
  scores: Partial<Record<ScoreQuestion, number>>;
  comment: string;
  practiceComment: string;
}

export const emptyDraft: SurveyDraft = { scores: {}, comment: '', practiceComment: '' };

export const MAX_COMMENT = 2000;

/** The questions this survey asks: the cold one adds what was put into practice. */
export function questionsOf(asksPractice: boolean): ScoreQuestion[] {
  return asksPractice ? [...SCORE_QUESTIONS, 'practice'] : [...SCORE_QUESTIONS];
}

/** Message keys per field; empty when the answer can be sent. */
export function validateDraft(
  draft: SurveyDraft,
  asksPractice: boolean,
): Partial<Record<ScoreQuestion | 'comment' | 'practiceComment', string>> {
  const errors: Partial<Record<ScoreQuestion | 'comment' | 'practiceComment', string>> = {};
  for (const question of questionsOf(asksPractice)) {
    if (!draft.scores[question]) errors[question] = 'errors.scoreRequired';
  }
  if (draft.comment.length > MAX_COMMENT) errors.comment = 'errors.tooLong';
  if (draft.practiceComment.length > MAX_COMMENT) errors.practiceComment = 'errors.tooLong';
  return errors;
}

/** The api's body from a complete draft (blank comments are sent as none). */
export function answerBody(draft: SurveyDraft, asksPractice: boolean) {
  const score = (question: ScoreQuestion) => draft.scores[question] ?? 0;
  return {
    overall: score('overall'),
    objectivesMet: score('objectivesMet'),
    content: score('content'),
    trainer: score('trainer'),
    organisation: score('organisation'),
    comment: draft.comment.trim() || null,
    practice: asksPractice ? score('practice') : null,
    practiceComment: asksPractice ? draft.practiceComment.trim() || null : null,
  };
}

/** A response rate (0 to 1) as a whole percentage, or null when nobody was invited. */
export function percent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 100);
}
