import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DataTable } from '../../../components/DataTable';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useJournals } from '../finance-queries';
import { AccountingNav } from './AccountingNav';
import { entriesPath, isPeriod, monthLabel, parisToday, periodOf } from './accounting';
import { PeriodPicker } from './PeriodPicker';

/** The four journals (sales, bank, Stripe, miscellaneous) over a month: entries and totals. */
export function JournalsPage() {
  const { t, i18n } = useTranslation('finance');
  const [params, setParams] = useSearchParams();
  const today = parisToday(new Date());
  const asked = params.get('period');
  const period = isPeriod(asked) ? asked : periodOf(today);
  const journals = useJournals(period);
  const month = monthLabel(period, i18n.language);
  const rows = journals.data ?? [];
  const total = rows.reduce(
    (sum, row) => ({
      entries: sum.entries + row.entries,
      validated: sum.validated + row.validatedEntries,
      debit: sum.debit + row.debitCents,
      credit: sum.credit + row.creditCents,
    }),
    { entries: 0, validated: 0, debit: 0, credit: 0 },
  );

  return (
    <section className="stack">
      <AccountingNav />
      <PageTitle>{t('journals.title')}</PageTitle>
      <p className="muted">{t('journals.intro')}</p>
      <PeriodForm
        key={period}
        period={period}
        today={today}
        onApply={(chosen) => setParams({ period: chosen })}
      />
      {journals.isPending ? <Loading /> : null}
      <ProblemAlert error={journals.error} />
      <p role="status">
        {journals.isSuccess ? t('journals.summary', { count: total.entries, month }) : null}
      </p>
      {journals.isSuccess ? (
        <DataTable
          caption={t('journals.caption', { month })}
          rows={rows}
          rowKey={(row) => row.code}
          columns={[
            {
              id: 'journal',
              header: t('journals.journal'),
              rowHeader: true,
              cell: (row) => (
                <Link to={entriesPath(period, row.code)}>
                  {row.code} · {t(`journals.label.${row.code}`)}{' '}
                  <span className="visually-hidden">{month}</span>
                </Link>
              ),
            },
            {
              id: 'entries',
              header: t('journals.entries'),
              numeric: true,
              cell: (row) => row.entries,
            },
            {
              id: 'validated',
              header: t('journals.validated'),
              numeric: true,
              cell: (row) => row.validatedEntries,
            },
            {
              id: 'debit',
              header: t('journals.debit'),
              numeric: true,
              cell: (row) => <Money cents={row.debitCents} />,
            },
            {
              id: 'credit',
              header: t('journals.credit'),
              numeric: true,
              cell: (row) => <Money cents={row.creditCents} />,
            },
          ]}
          footer={
            <tr>
              <th scope="row">{t('journals.total')}</th>
              <td className="number">{total.entries}</td>
              <td className="number">{total.validated}</td>
              <td className="number">
                <Money cents={total.debit} />
              </td>
              <td className="number">
                <Money cents={total.credit} />
              </td>
            </tr>
          }
        />
      ) : null}
      {journals.isSuccess ? (
        <p>
          <Link to={entriesPath(period)}>{t('journals.allEntries', { month })}</Link>
        </p>
      ) : null}
    </section>
  );
}

function PeriodForm({
  period,
  today,
  onApply,
}: {
  period: string;
  today: string;
  onApply: (period: string) => void;
}) {
  const { t } = useTranslation('finance');
  const [chosen, setChosen] = useState(period);
  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(chosen);
  }
  return (
    <form
      onSubmit={submit}
      className="row finance-inline-form"
      aria-label={t('journals.periodForm')}
    >
      <PeriodPicker period={chosen} today={today} onChange={setChosen} />
      <button type="submit" className="button button-secondary">
        {t('periods.show')}
      </button>
    </form>
  );
}
