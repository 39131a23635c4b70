import { describe, expect, it } from 'vitest';
import { answerBody, emptyDraft, percent, questionsOf, validateDraft } from './survey-form';

describe('survey form', () => {
  const complete = {
    ...emptyDraft,
    scores: { overall: 5, objectivesMet: 4, content: 4, trainer: 5, organisation: 3 },
  };

  it('asks the five scores, and what was put into practice in the cold survey only', () => {
    expect(questionsOf(false)).toHaveLength(5);
    expect(questionsOf(true)).toContain('practice');
  });

  it('requires every score of the survey, and keeps comments within 2000 characters', () => {
    expect(validateDraft(emptyDraft, false)).toMatchObject({
      overall: 'errors.scoreRequired',
      organisation: 'errors.scoreRequired',
    });
    expect(validateDraft(complete, false)).toEqual({});
    expect(validateDraft(complete, true)).toEqual({ practice: 'errors.scoreRequired' });
    expect(validateDraft({ ...complete, comment: 'x'.repeat(2001) }, false)).toEqual({
      comment: 'errors.tooLong',
    });
  });

  it('sends blank comments as none and no practice score in the hot survey', () => {
    expect(answerBody({ ...complete, comment: '  ', practiceComment: 'ignored' }, false)).toEqual({
      overall: 5,
      objectivesMet: 4,
      content: 4,
      trainer: 5,
      organisation: 3,
      comment: null,
      practice: null,
      practiceComment: null,
    });
  });

  it('shows a response rate as a whole percentage', () => {
    expect(percent(0.667)).toBe(67);
    expect(percent(null)).toBeNull();
  });
});
