import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DataTable } from '../../../components/DataTable';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StatusBadge } from '../../../components/StatusBadge';
import { useAccountingPeriods, useClosePeriod, useValidatePeriod } from '../finance-queries';
import type { AccountingPeriods, PeriodValidation } from '../types';
import { AccountingNav } from './AccountingNav';
import {
  accountingYears,
  canClose,
  canValidate,
  closableFrom,
  dayLabel,
  entriesPath,
  entriesToValidate,
  isConflict,
  monthLabel,
  monthTitle,
  nextPeriod,
  parisToday,
  periodEnd,
  periodProblemMessage,
  periodState,
  PERIOD_TONES,
  validatedThrough,
  yearFromSearch,
} from './accounting';

type Action = { kind: 'validate' | 'close'; period: string };

/**
 * The months of a fiscal year: closed or open, their entries and those awaiting validation;
 * « Valider » and « Clôturer » after a confirmation that says what they do.
 */
export function PeriodsPage() {
  const { t, i18n } = useTranslation('finance');
  const [params, setParams] = useSearchParams();
  const today = parisToday(new Date());
  const year = yearFromSearch(params, today);
  const periods = useAccountingPeriods(year);
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState('');
  const openers = useRef(new Map<string, HTMLButtonElement>());
  const noticeRef = useRef<HTMLParagraphElement>(null);

  const language = i18n.language;
  const view = periods.data;

  /**
   * The confirmation goes away: focus goes back to the button that opened it, or, once the action
   * is done (its button gone with it), to the message that says what was done.
   */
  function closeConfirmation(done: boolean) {
    const opener = action ? openers.current.get(`${action.kind}:${action.period}`) : undefined;
    setAction(null);
    requestAnimationFrame(() => (done ? noticeRef.current : opener)?.focus());
  }

  return (
    <section className="stack">
      <AccountingNav />
      <PageTitle>{t('periods.title')}</PageTitle>
      <p className="muted">{t('periods.intro')}</p>
      <YearForm
        key={year}
        year={year}
        years={accountingYears(today, year)}
        onApply={(chosen) => {
          setAction(null);
          setNotice('');
          setParams({ year: String(chosen) });
        }}
      />
      <p
        role="status"
        ref={noticeRef}
        tabIndex={-1}
        className={notice ? 'alert alert-success' : undefined}
      >
        {notice}
      </p>
      {periods.isPending ? <Loading /> : null}
      <ProblemAlert error={periods.error} />
      {view ? (
        <>
          <Summary view={view} today={today} />
          {action ? (
            <Confirmation
              key={`${action.kind}:${action.period}`}
              action={action}
              view={view}
              onDone={(message) => {
                setNotice(message);
                closeConfirmation(true);
              }}
              onCancel={() => closeConfirmation(false)}
            />
          ) : null}
          <DataTable
            caption={t('periods.caption', { year })}
            rows={view.periods}
            rowKey={(row) => row.period}
            className="finance-periods"
            columns={[
              {
                id: 'month',
                header: t('periods.month'),
                rowHeader: true,
                cell: (row) => monthTitle(row.period, language),
              },
              {
                id: 'status',
                header: t('periods.status'),
                cell: (row) => {
                  const state = periodState(row, today);
                  return (
                    <StatusBadge tone={PERIOD_TONES[state]}>
                      {t(`periods.state.${state}`)}
                    </StatusBadge>
                  );
                },
              },
              {
                id: 'entries',
                header: t('periods.entries'),
                numeric: true,
                cell: (row) => row.entries,
              },
              {
                id: 'unvalidated',
                header: t('periods.unvalidated'),
                numeric: true,
                cell: (row) => row.unvalidatedEntries,
              },
              {
                id: 'total',
                header: t('periods.total'),
                numeric: true,
                cell: (row) => <Money cents={row.totalCents} />,
              },
              {
                id: 'actions',
                header: t('periods.actions'),
                cell: (row) => {
                  const month = monthLabel(row.period, language);
                  const button = (kind: Action['kind'], label: string, className: string) => (
                    <button
                      type="button"
                      className={['button', 'button-small', className].filter(Boolean).join(' ')}
                      ref={(element) => {
                        const key = `${kind}:${row.period}`;
                        if (element) openers.current.set(key, element);
                        else openers.current.delete(key);
                      }}
                      aria-expanded={action?.kind === kind && action.period === row.period}
                      onClick={() => {
                        setNotice('');
                        setAction({ kind, period: row.period });
                      }}
                    >
                      {label} <span className="visually-hidden">{month}</span>
                    </button>
                  );
                  return (
                    <div className="row">
                      {canValidate(row, today)
                        ? button('validate', t('periods.validate'), 'button-secondary')
                        : null}
                      {canClose(view, row.period, today)
                        ? button('close', t('periods.close'), '')
                        : null}
                      {row.entries > 0 ? (
                        <Link to={entriesPath(row.period)}>
                          {t('periods.seeEntries')} <span className="visually-hidden">{month}</span>
                        </Link>
                      ) : null}
                    </div>
                  );
                },
              },
            ]}
          />
        </>
      ) : null}
    </section>
  );
}

function YearForm({
  year,
  years,
  onApply,
}: {
  year: number;
  years: number[];
  onApply: (year: number) => void;
}) {
  const { t } = useTranslation('finance');
  const [chosen, setChosen] = useState(year);
  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(chosen);
  }
  return (
    <form onSubmit={submit} className="row finance-inline-form" aria-label={t('periods.yearForm')}>
      <Field label={t('periods.year')}>
        {(control) => (
          <select
            {...control}
            value={chosen}
            onChange={(event) => setChosen(Number(event.target.value))}
          >
            {years.map((item) => (
              <option key={item} value={item}>
                {item}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="button button-secondary">
        {t('periods.show')}
      </button>
    </form>
  );
}

/** Where the books stand: closed through, next to close (and from when), validated through. */
function Summary({ view, today }: { view: AccountingPeriods; today: string }) {
  const { t, i18n } = useTranslation('finance');
  const language = i18n.language;
  const validated = validatedThrough(view, today);
  const next = view.nextToClose;
  return (
    <dl className="facts finance-summary card">
      <dt>{t('periods.closedThrough')}</dt>
      <dd>
        {view.closedThrough
          ? t('periods.closedThroughValue', {
              date: dayLabel(periodEnd(view.closedThrough), language),
            })
          : t('periods.noneClosed')}
      </dd>
      <dt>{t('periods.nextToClose')}</dt>
      <dd>
        {next === null
          ? t('periods.nothingToClose')
          : periodEnd(next) < today
            ? monthLabel(next, language)
            : t('periods.nextToCloseFrom', {
                month: monthLabel(next, language),
                date: dayLabel(closableFrom(next), language),
              })}
      </dd>
      <dt>{t('periods.validatedThrough')}</dt>
      <dd>
        {validated
          ? t('periods.validatedThroughValue', { date: dayLabel(periodEnd(validated), language) })
          : t('periods.noneValidated')}
      </dd>
    </dl>
  );
}

/**
 * What validating or closing a month does, said before it is done; the api's refusal (an earlier
 * month still open, the month not over) in words, with what would work.
 */
function Confirmation({
  action,
  view,
  onDone,
  onCancel,
}: {
  action: Action;
  view: AccountingPeriods;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation('finance');
  const language = i18n.language;
  const heading = useRef<HTMLHeadingElement>(null);
  const month = monthLabel(action.period, language);
  const end = dayLabel(periodEnd(action.period), language);
  const numbered = (validation: PeriodValidation) =>
    validation.runs.length === 0
      ? t('periods.numberedNone')
      : validation.runs
          .map((run) =>
            t('periods.numberedRun', {
              count: run.count,
              first: run.firstNumber,
              last: run.lastNumber,
            }),
          )
          .join(' ; ');
  const validate = useValidatePeriod((validation) =>
    onDone(
      t('periods.validated', {
        count: validation.entries,
        date: end,
        numbers: numbered(validation),
      }),
    ),
  );
  const close = useClosePeriod((closing) =>
    onDone(
      t('periods.closed', {
        month: monthTitle(action.period, language),
        count: closing.validation.entries,
        numbers: numbered(closing.validation),
      }),
    ),
  );
  const mutation = action.kind === 'validate' ? validate : close;
  const problem = periodProblemMessage(mutation.error, action.period, t, language);
  // Refused because of the books' state (closed meanwhile, an earlier month open): only « Annuler ».
  const refused = isConflict(mutation.error);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <section className="card stack finance-confirm" aria-labelledby="period-confirm-heading">
      <h2 id="period-confirm-heading" ref={heading} tabIndex={-1}>
        {action.kind === 'validate'
          ? t('periods.confirmValidateTitle', { month })
          : t('periods.confirmCloseTitle', { month })}
      </h2>
      {action.kind === 'validate' ? (
        <>
          <p>
            {t('periods.confirmValidateText', {
              date: end,
              count: entriesToValidate(view, action.period),
            })}
          </p>
          <p className="muted">{t('periods.confirmValidateFinal')}</p>
        </>
      ) : (
        <>
          <p>{t('periods.confirmCloseValidates', { date: end })}</p>
          <ul>
            <li>{t('periods.confirmCloseFrozen', { month })}</li>
            <li>
              {t('periods.confirmCloseNext', {
                month,
                date: dayLabel(closableFrom(action.period), language),
                next: monthLabel(nextPeriod(action.period), language),
              })}
            </li>
            <li>{t('periods.confirmCloseFinal')}</li>
          </ul>
        </>
      )}
      {problem ? (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{t('problem.title', { ns: 'common' })}</p>
          <p>{problem}</p>
        </div>
      ) : (
        <ProblemAlert error={mutation.error} />
      )}
      <div className="row">
        {refused ? null : (
          <button
            type="button"
            className="button"
            disabled={mutation.isPending}
            onClick={() => mutation.mutate(action.period)}
          >
            {mutation.isPending
              ? t('periods.working')
              : action.kind === 'validate'
                ? t('periods.confirmValidate', { month })
                : t('periods.confirmClose', { month })}
          </button>
        )}
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('periods.cancel')}
        </button>
      </div>
    </section>
  );
}
