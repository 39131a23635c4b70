import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate, formatDateTime } from '../../../lib/format';
import {
  answerBody,
  emptyDraft,
  MAX_COMMENT,
  questionsOf,
  SCORES,
  validateDraft,
  type ScoreQuestion,
  type SurveyDraft,
} from './survey-form';
import { useAnswerSurvey, useSurvey } from './survey-queries';
import './survey.css';

/**
 * `/surveys/:token`, the link of the survey e-mail: no account, one answer per link. Made for a
 * phone: one block per question, a scale of five big buttons, comments, one send button.
 */
export function SurveyPage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation('survey');
  const survey = useSurvey(token);
  const answer = useAnswerSurvey(token);
  const [draft, setDraft] = useState<SurveyDraft>(emptyDraft);
  const [errors, setErrors] = useState<ReturnType<typeof validateDraft>>({});

  if (survey.isPending) return <Loading />;
  if (survey.isError) {
    return (
      <section className="narrow">
        <PageTitle>{t('title')}</PageTitle>
        <ProblemAlert ns="survey" error={survey.error} />
      </section>
    );
  }
  const data = survey.data;
  const heading = t(`heading.${data.stage === 'cold' ? 'cold' : 'hot'}`);

  if (data.answeredAt) {
    return (
      <section className="narrow">
        <PageTitle>{heading}</PageTitle>
        <div className="alert alert-success" role="status">
          <p className="alert-title">{t('thanks.title')}</p>
          <p>
            {t('thanks.text', {
              date: formatDateTime(data.answeredAt, i18n.language),
              title: data.offeringTitle,
            })}
          </p>
        </div>
      </section>
    );
  }

  // A score chosen answers its question: its error goes at once.
  const setScore = (question: ScoreQuestion, score: number) => {
    setDraft((current) => ({ ...current, scores: { ...current.scores, [question]: score } }));
    setErrors((current) => ({ ...current, [question]: undefined }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateDraft(draft, data.asksPractice);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    answer.mutate(answerBody(draft, data.asksPractice));
  }

  return (
    <section className="narrow">
      <PageTitle>{heading}</PageTitle>
      {data.name ? <p>{t('greeting', { name: data.name })}</p> : null}
      <p>
        {t(data.respondent === 'organisation' ? 'intro.organisation' : `intro.${data.stage}`, {
          title: data.offeringTitle,
        })}
      </p>
      <dl className="facts card">
        <dt>{t('facts.training')}</dt>
        <dd>{data.offeringTitle}</dd>
        <dt>{t('facts.dates')}</dt>
        <dd>
          {formatDate(data.sessionStartsAt, i18n.language)}
          {formatDate(data.sessionEndsAt, i18n.language) !==
          formatDate(data.sessionStartsAt, i18n.language)
            ? ` – ${formatDate(data.sessionEndsAt, i18n.language)}`
            : ''}
        </dd>
        <dt>{t('facts.closes')}</dt>
        <dd>{formatDate(data.closesAt, i18n.language)}</dd>
      </dl>
      <form onSubmit={submit} noValidate>
        {questionsOf(data.asksPractice).map((question) => (
          <fieldset
            key={question}
            className="survey-question"
            aria-describedby={errors[question] ? `survey-${question}-error` : undefined}
          >
            <legend>{t(`questions.${question}`)}</legend>
            <div className="survey-scale">
              {SCORES.map((score) => (
                <label key={score}>
                  <input
                    type="radio"
                    name={question}
                    value={score}
                    checked={draft.scores[question] === score}
                    onChange={() => setScore(question, score)}
                  />
                  <span aria-hidden="true">{score}</span>
                  <span className="visually-hidden">
                    {t('scale.label', { score, max: SCORES.length })}
                  </span>
                </label>
              ))}
            </div>
            <p className="survey-scale-ends" aria-hidden="true">
              <span>{t('scale.low')}</span>
              <span>{t('scale.high')}</span>
            </p>
            {errors[question] ? (
              <p className="field-error" id={`survey-${question}-error`}>
                {t(errors[question])}
              </p>
            ) : null}
          </fieldset>
        ))}
        <Field
          label={t('questions.comment')}
          errorText={errors.comment ? t(errors.comment, { max: MAX_COMMENT }) : undefined}
        >
          {(control) => (
            <textarea
              {...control}
              rows={4}
              maxLength={MAX_COMMENT}
              value={draft.comment}
              onChange={(event) => setDraft({ ...draft, comment: event.target.value })}
            />
          )}
        </Field>
        {data.asksPractice ? (
          <Field
            label={t('questions.practiceComment')}
            errorText={
              errors.practiceComment ? t(errors.practiceComment, { max: MAX_COMMENT }) : undefined
            }
          >
            {(control) => (
              <textarea
                {...control}
                rows={4}
                maxLength={MAX_COMMENT}
                value={draft.practiceComment}
                onChange={(event) => setDraft({ ...draft, practiceComment: event.target.value })}
              />
            )}
          </Field>
        ) : null}
        <ProblemAlert ns="survey" error={answer.error} />
        <button type="submit" className="button survey-submit" disabled={answer.isPending}>
          {answer.isPending ? t('status.loading', { ns: 'common' }) : t('submit')}
        </button>
        <p className="muted">{t('privacy')}</p>
      </form>
    </section>
  );
}
