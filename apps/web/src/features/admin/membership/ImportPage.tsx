import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StatusBadge, type BadgeTone } from '../../../components/StatusBadge';
import { useApplyImport, useImportDryRun, useImportRun } from './membership-admin-queries';
import { MembershipNav } from './MembershipNav';
import { reasonKey } from './import-reasons';
import { importDone, percent, reportLines } from './progress';
import type { ImportAction, ImportReport, MemberImport } from './types';

const ACTION_TONES: Record<ImportAction, BadgeTone> = {
  create: 'ok',
  update: 'neutral',
  refuse: 'danger',
};

/**
 * `/admin/membership/import`: the Chambre's member spreadsheet (CSV). A dry run first says per
 * line what would be created, updated or refused and why; « Importer » then applies the same file.
 */
export function ImportPage() {
  const { t } = useTranslation('membership');
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const dryRun = useImportDryRun();
  const apply = useApplyImport();
  const reportHeading = useRef<HTMLHeadingElement>(null);

  function check(event: FormEvent) {
    event.preventDefault();
    setMissing(!file);
    if (!file) return;
    apply.reset();
    dryRun.mutate(file, {
      onSuccess: () => requestAnimationFrame(() => reportHeading.current?.focus()),
    });
  }

  return (
    <section className="stack">
      <MembershipNav />
      <PageTitle>{t('admin.import.title')}</PageTitle>
      <p>{t('admin.import.intro')}</p>
      <form className="card stack narrow" onSubmit={check} noValidate>
        <div className={missing ? 'field field-invalid' : 'field'}>
          <label htmlFor="import-file">{t('admin.import.file')}</label>
          <p className="hint" id="import-file-hint">
            {t('admin.import.fileHint')}
          </p>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={missing}
            aria-describedby={missing ? 'import-file-hint import-file-error' : 'import-file-hint'}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setMissing(false);
              dryRun.reset();
              apply.reset();
            }}
          />
          {missing ? (
            <p className="field-error" id="import-file-error">
              {t('admin.import.fileMissing')}
            </p>
          ) : null}
        </div>
        <ProblemAlert ns="membership" error={dryRun.error} />
        <button type="submit" className="button button-secondary" disabled={dryRun.isPending}>
          {dryRun.isPending ? t('admin.import.checking') : t('admin.import.check')}
        </button>
      </form>

      {dryRun.data && file ? (
        <section className="stack" aria-labelledby="report-heading">
          <h2 id="report-heading" ref={reportHeading} tabIndex={-1}>
            {t('admin.import.reportHeading', { name: file.name })}
          </h2>
          <ReportSummary report={dryRun.data} />
          <ReportTable report={dryRun.data} />
          {apply.data ? (
            <ImportProgress key={apply.data.id} initial={apply.data} />
          ) : (
            <div className="stack">
              <ProblemAlert ns="membership" error={apply.error} />
              <p>
                {t('admin.import.applyExplain', {
                  count: dryRun.data.create + dryRun.data.update,
                  refused: dryRun.data.refuse,
                })}
              </p>
              <div>
                <button
                  type="button"
                  className="button"
                  disabled={apply.isPending || dryRun.data.create + dryRun.data.update === 0}
                  onClick={() => apply.mutate(file)}
                >
                  {apply.isPending ? t('admin.import.applying') : t('admin.import.apply')}
                </button>
              </div>
            </div>
          )}
        </section>
      ) : null}
    </section>
  );
}

function ReportSummary({ report }: { report: ImportReport }) {
  const { t } = useTranslation('membership');
  return (
    <dl className="facts">
      <dt>{t('admin.import.total')}</dt>
      <dd>{report.total}</dd>
      <dt>{t('admin.import.actions.create')}</dt>
      <dd>{report.create}</dd>
      <dt>{t('admin.import.actions.update')}</dt>
      <dd>{report.update}</dd>
      <dt>{t('admin.import.actions.refuse')}</dt>
      <dd>
        <strong>{report.refuse}</strong>
      </dd>
    </dl>
  );
}

function ReportTable({ report }: { report: ImportReport }) {
  const { t } = useTranslation('membership');
  const [onlyRefused, setOnlyRefused] = useState(report.refuse > 0 && report.lines.length > 50);
  const lines = reportLines(report, onlyRefused);
  const reasonText = (reason: string) => {
    const known = reasonKey(reason);
    return known ? t(`admin.import.reason.${known.key}`, { value: known.value }) : reason;
  };
  return (
    <>
      {report.refuse > 0 ? (
        <div className="choice">
          <input
            type="checkbox"
            id="only-refused"
            checked={onlyRefused}
            onChange={(event) => setOnlyRefused(event.target.checked)}
          />
          <label htmlFor="only-refused">{t('admin.import.onlyRefused')}</label>
        </div>
      ) : null}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('admin.import.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="number">
                {t('admin.import.line')}
              </th>
              <th scope="col">{t('admin.import.action')}</th>
              <th scope="col">{t('admin.import.identifier')}</th>
              <th scope="col">{t('admin.import.legalName')}</th>
              <th scope="col">{t('admin.import.reasons')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.line} className={line.action === 'refuse' ? 'refused-line' : undefined}>
                <th scope="row" className="number">
                  {line.line}
                </th>
                <td>
                  <StatusBadge tone={ACTION_TONES[line.action]}>
                    {t(`admin.import.actions.${line.action}`)}
                  </StatusBadge>
                </td>
                <td>{line.siret ?? line.rna ?? '—'}</td>
                <td>{line.legalName ?? '—'}</td>
                <td>
                  {line.reasons.length === 0 ? (
                    '—'
                  ) : line.reasons.length === 1 ? (
                    reasonText(line.reasons[0])
                  ) : (
                    <ul>
                      {line.reasons.map((reason) => (
                        <li key={reason}>{reasonText(reason)}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ImportProgress({ initial }: { initial: MemberImport }) {
  const { t } = useTranslation('membership');
  const query = useImportRun(initial);
  const run = query.data;
  const done = importDone(run);
  return (
    <section className="card stack" aria-labelledby="import-progress-heading">
      <h3 id="import-progress-heading">
        {t('admin.import.progressHeading')}{' '}
        <StatusBadge
          tone={run.status === 'running' ? 'warn' : run.status === 'failed' ? 'danger' : 'ok'}
        >
          {t(`admin.import.status.${run.status}`)}
        </StatusBadge>
      </h3>
      <label htmlFor="import-progress">{t('admin.import.progressLabel')}</label>
      <progress id="import-progress" max={Math.max(run.total, 1)} value={done}>
        {percent(done, run.total)} %
      </progress>
      <p aria-live="polite">
        {t('admin.import.counts', {
          created: run.created,
          updated: run.updated,
          refused: run.refused,
          total: run.total,
        })}
      </p>
      {run.status === 'failed' && run.error ? (
        <p className="alert alert-error" role="alert">
          {t('admin.import.failed', { error: run.error })}
        </p>
      ) : null}
      {run.status === 'completed' ? (
        <p className="alert alert-success" role="status">
          {t('admin.import.done', { created: run.created, updated: run.updated })}
        </p>
      ) : null}
      {run.status === 'running' ? <Loading /> : null}
      <ProblemAlert ns="membership" error={query.error} />
    </section>
  );
}
