import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../../api/client';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate } from '../../../lib/format';
import { percent } from './survey-form';
import { resultsCsvPath, useSurveyResults, type ResultsTarget } from './survey-queries';
import './survey.css';

const AVERAGES = [
  'overall',
  'objectivesMet',
  'content',
  'trainer',
  'organisation',
  'practice',
] as const;

/**
 * Satisfaction results (hot and cold surveys): response rate, the average of each question,
 * the comments, and the CSV of every answer. On a consultant's session page and the admin page.
 */
export function SurveyResults({ target }: { target: ResultsTarget }) {
  const { t, i18n } = useTranslation('survey');
  const results = useSurveyResults(target);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  if (results.isPending) return <Loading />;
  if (results.isError) return <ProblemAlert ns="survey" error={results.error} />;
  const { stages, comments } = results.data;
  const number = (value: number | null) =>
    value === null ? '—' : value.toLocaleString(i18n.language, { maximumFractionDigits: 1 });

  return (
    <div className="survey-results">
      {/* Scrolls sideways on a phone: a named region reachable by keyboard (axe, WCAG 2.1.1). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('results.caption')}>
        <table>
          <caption className="visually-hidden">{t('results.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.stage')}</th>
              <th scope="col">{t('results.rate')}</th>
              {AVERAGES.map((question) => (
                <th scope="col" key={question}>
                  {t(`questions.short.${question}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {stages.map((stage) => (
              <tr key={stage.stage}>
                <th scope="row">{t(`stage.${stage.stage === 'cold' ? 'cold' : 'hot'}`)}</th>
                <td>
                  {stage.invited === 0
                    ? t('results.notSent')
                    : t('results.rateValue', {
                        percent: percent(stage.responseRate),
                        answered: stage.answered,
                        invited: stage.invited,
                      })}
                </td>
                {AVERAGES.map((question) => (
                  <td key={question}>{number(stage[question])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('results.comments')}</h3>
      {comments.length === 0 ? (
        <p className="muted">{t('results.noComments')}</p>
      ) : (
        <ul className="survey-results-comments">
          {comments.map((comment, index) => (
            <li key={`${comment.sessionId}-${comment.answeredAt}-${index}`}>
              <span className="muted">
                {t(`stage.${comment.stage === 'cold' ? 'cold' : 'hot'}`)} ·{' '}
                {t(
                  `respondent.${comment.respondent === 'organisation' ? 'organisation' : 'trainee'}`,
                )}{' '}
                · {formatDate(comment.answeredAt, i18n.language)}
              </span>
              {comment.comment ? <blockquote>{comment.comment}</blockquote> : null}
              {comment.practiceComment ? (
                <blockquote>
                  {t('questions.short.practice')} : {comment.practiceComment}
                </blockquote>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <ProblemAlert ns="survey" error={downloadError} />
      <button
        type="button"
        className="button button-secondary"
        onClick={() => {
          setDownloadError(null);
          download(resultsCsvPath(target), 'satisfaction.csv').catch(setDownloadError);
        }}
      >
        {t('results.csv')}
      </button>
    </div>
  );
}
