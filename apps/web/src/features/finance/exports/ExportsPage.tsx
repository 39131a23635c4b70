import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field, type ControlProps } from '../../../components/Field';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { AccountingNav } from '../accounting/AccountingNav';
import { monthNames } from '../accounting/accounting';
import { mergeFieldErrors } from '../field-errors';
import { useCsvExport, useFecDescriptionDownload, useFecDownload } from '../finance-queries';
import {
  currentMonth,
  FEC_ENCODINGS,
  fiscalYears,
  validateFecMonths,
  validatePeriod,
  type CsvExport,
  type FecEncoding,
} from './exports';

/**
 * Files for the accountant: the journal's entries in the FEC layout (the import file of the
 * Chambre's accounting software) with its description, invoices and payments of a period.
 */
export function ExportsPage() {
  const { t } = useTranslation('finance');
  return (
    <section className="stack">
      <AccountingNav />
      <PageTitle>{t('exports.title')}</PageTitle>
      <FecExport />
      <PeriodExport />
    </section>
  );
}

/**
 * The validated entries in the FEC layout: the import file of the Chambre's accounting software,
 * with its description file. Not the entity's whole FEC: Mutualis holds no payroll or purchases.
 */
function FecExport() {
  const { t, i18n } = useTranslation('finance');
  const { t: tCommon } = useTranslation();
  const years = fiscalYears(new Date());
  const months = monthNames(i18n.language);
  const [year, setYear] = useState(years[0]);
  const [fromMonth, setFromMonth] = useState(1);
  const [toMonth, setToMonth] = useState(12);
  const [encoding, setEncoding] = useState<FecEncoding>('iso-8859-15');
  const [localErrors, setLocalErrors] = useState<Partial<Record<'to', string>>>({});
  const [notice, setNotice] = useState('');
  const fec = useFecDownload(() => setNotice(t('exports.downloaded')));
  const description = useFecDescriptionDownload(() =>
    setNotice(t('exports.descriptionDownloaded')),
  );
  const fields = mergeFieldErrors(localErrors, fec.error, t, tCommon);

  function submit(event: FormEvent) {
    event.preventDefault();
    setNotice('');
    description.reset();
    const errors = validateFecMonths(fromMonth, toMonth);
    setLocalErrors(errors);
    if (Object.keys(errors).length === 0) fec.mutate({ year, fromMonth, toMonth, encoding });
  }

  const monthSelect =
    (value: number, onChange: (month: number) => void) =>
    // The Field's render prop: the select with its label and error wired in.
    (control: ControlProps) => (
      <select {...control} value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {months.map((name, index) => (
          <option key={name} value={index + 1}>
            {name}
          </option>
        ))}
      </select>
    );

  return (
    <section className="card stack" aria-labelledby="fec-heading">
      <h2 id="fec-heading">{t('exports.fec')}</h2>
      <p>{t('exports.fecWhat')}</p>
      <p>{t('exports.fecNotWhole')}</p>
      <p className="muted">
        {t('exports.fecValidatedOnly')}{' '}
        <Link to="/finance/accounting">{t('exports.fecPeriodsLink')}</Link>
      </p>
      <ProblemAlert error={fec.error ?? description.error} />
      <form onSubmit={submit} noValidate className="stack">
        <div className="grid">
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
          <Field label={t('exports.fromMonth')} errorText={fields.from}>
            {monthSelect(fromMonth, setFromMonth)}
          </Field>
          <Field label={t('exports.toMonth')} errorText={fields.to}>
            {monthSelect(toMonth, setToMonth)}
          </Field>
        </div>
        <fieldset>
          <legend>{t('exports.encoding')}</legend>
          {FEC_ENCODINGS.map((item) => (
            <label key={item} className="finance-choice">
              <input
                type="radio"
                name="fec-encoding"
                value={item}
                checked={encoding === item}
                onChange={() => setEncoding(item)}
              />{' '}
              {t(`exports.encodings.${item}`)}
            </label>
          ))}
        </fieldset>
        <div className="row">
          <button type="submit" className="button" disabled={fec.isPending}>
            {t('exports.downloadFec')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={description.isPending}
            onClick={() => {
              setNotice('');
              fec.reset();
              description.mutate({ year, encoding });
            }}
          >
            {t('exports.downloadDescription')}
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
