import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useStatementImport } from '../finance-queries';
import type { StatementImport } from '../types';
import { importProgress } from './reconciliation';

/**
 * Follows an import while the worker parses and matches it, in a polite live region; when it is
 * done the bank lines are refreshed.
 */
export function ImportProgressPanel({ initial }: { initial: StatementImport }) {
  const { t } = useTranslation('finance');
  const query = useStatementImport(initial);
  const statement = query.data;
  const progress = importProgress(statement.status);

  const result = statement.result;
  return (
    <div className="card stack">
      <div role="status" aria-live="polite" className="stack">
        <p>
          <strong>{statement.fileName}</strong>
          {' — '}
          {t(`import.status.${statement.status}`)}
        </p>
        <progress value={progress.step} max={progress.of} aria-label={t('import.progress')}>
          {t('import.step', { step: progress.step, of: progress.of })}
        </progress>
        {statement.status === 'done' ? (
          <p>
            {t('import.summary', {
              found: result.transactionsFound ?? 0,
              added: result.transactionsAdded ?? 0,
              duplicates: result.duplicates ?? 0,
            })}{' '}
            {t('import.matching', {
              matched: result.matched ?? 0,
              suggested: result.suggested ?? 0,
              unmatched: result.unmatched ?? 0,
            })}
          </p>
        ) : null}
      </div>
      {statement.status === 'failed' && statement.error ? (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{t('import.failed')}</p>
          {/* The parser names the problem in English; the location is what finance acts on. */}
          <p>{t('import.detail', { message: statement.error.message })}</p>
          {statement.error.location ? (
            <p>{t('import.location', { location: statement.error.location })}</p>
          ) : null}
        </div>
      ) : null}
      <ProblemAlert error={query.error} />
    </div>
  );
}
