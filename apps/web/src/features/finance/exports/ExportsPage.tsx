import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { Link } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { mergeFieldErrors } from '../field-errors';
import { useCsvExport, useFecDownload } from '../finance-queries';
import { currentMonth, fiscalYears, validatePeriod, type CsvExport } from './exports';

/** Files for the accountant: the FEC of a fiscal year, invoices and payments of a period. */
export function ExportsPage() {
  const { t } = useTranslation('finance');
  return (
    <section className="stack">
      <p>
        <Link to="/finance">{t('back')}</Link>
      </p>
      <PageTitle>{t('exports.title')}</PageTitle>
      <FecExport />
      <PeriodExport />
    </section>
  );
}

function FecExport() {
  const { t } = useTranslation('finance');
  const { t: tCommon } = useTranslation();
  const years = fiscalYears(new Date());
  const [year, setYear] = useState(years[0]);
  const [notice, setNotice] = useState('');
  const fec = useFecDownload(() => setNotice(t('exports.downloaded')));
  const fields = mergeFieldErrors({}, fec.error, t, tCommon);

  function submit(event: FormEvent) {
    event.preventDefault();
    setNotice('');
    fec.mutate(year);
  }

  return (
    <section className="card stack" aria-labelledby="fec-heading">
      <h2 id="fec-heading">{t('exports.fec')}</h2>
      <p className="muted">{t('exports.fecHint')}</p>
      <ProblemAlert error={fec.error} />
      <form onSubmit={submit} className="row">
        <Field label={t('exports.year')} errorText={fields.year}>
          {(control) => (
            <select
              {...control}
              value={year}
              onChange={(event) => setYear(Number(event.target.value))}
            >
              {years.map((item) => (
                <option key={item} value={item}>
                  {item}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div>
          <button type="submit" className="button" disabled={fec.isPending}>
            {t('exports.downloadFec')}
          </button>
        </div>
      </form>
      <p role="status">{notice}</p>
    </section>
  );
}

function PeriodExport() {
  const { t } = useTranslation('finance');
  const { t: tCommon } = useTranslation();
  const [period, setPeriod] = useState(() => currentMonth(new Date()));
  const [localErrors, setLocalErrors] = useState<Partial<Record<'from' | 'to', string>>>({});
  const [notice, setNotice] = useState('');
  const csv = useCsvExport(() => setNotice(t('exports.downloaded')));
  const fields = mergeFieldErrors(localErrors, csv.error, t, tCommon);

  function start(kind: CsvExport) {
    setNotice('');
    const errors = validatePeriod(period.from, period.to);
    setLocalErrors(errors);
    if (Object.keys(errors).length === 0) csv.mutate({ kind, from: period.from, to: period.to });
  }

  return (
    <section className="card stack" aria-labelledby="csv-heading">
      <h2 id="csv-heading">{t('exports.csv')}</h2>
      <ProblemAlert error={csv.error} />
      <form onSubmit={(event) => event.preventDefault()} noValidate className="stack">
        <div className="grid">
          <Field label={t('exports.from')} errorText={fields.from}>
            {(control) => (
              <input
                {...control}
                type="date"
                required
                value={period.from}
                onChange={(event) => setPeriod({ ...period, from: event.target.value })}
              />
            )}
          </Field>
          <Field label={t('exports.to')} errorText={fields.to}>
            {(control) => (
              <input
                {...control}
                type="date"
                required
                value={period.to}
                onChange={(event) => setPeriod({ ...period, to: event.target.value })}
              />
            )}
          </Field>
        </div>
        <div className="row">
          <button
            type="button"
            className="button"
            disabled={csv.isPending}
            onClick={() => start('invoices')}
          >
            {t('exports.invoicesCsv')}
          </button>
          <button
            type="button"
            className="button"
            disabled={csv.isPending}
            onClick={() => start('payments')}
          >
            {t('exports.paymentsCsv')}
          </button>
        </div>
      </form>
      <p role="status">{notice}</p>
    </section>
  );
}
