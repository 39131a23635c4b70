import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DataTable } from '../../../components/DataTable';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { LoadMore } from '../../../components/LoadMore';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StatusBadge } from '../../../components/StatusBadge';
import { mergeFieldErrors } from '../field-errors';
import { useJournalEntries } from '../finance-queries';
import type { JournalEntry } from '../types';
import { AccountingNav } from './AccountingNav';
import {
  dayLabel,
  entryFiltersFromSearch,
  entryFiltersToSearch,
  entryQuery,
  JOURNAL_CODES,
  monthLabel,
  parisToday,
  type EntryFilters,
} from './accounting';
import { PeriodPicker } from './PeriodPicker';

/** A month's entries, of one journal or all, with their lines: accounts, debit and credit, lettering. */
export function EntriesPage() {
  const { t, i18n } = useTranslation('finance');
  const [params, setParams] = useSearchParams();
  const today = parisToday(new Date());
  const filters = entryFiltersFromSearch(params, today);
  const entries = useJournalEntries(entryQuery(filters));
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];
  const month = monthLabel(filters.period, i18n.language);
  const title = filters.journal
    ? t('entries.titleJournal', { journal: t(`journals.label.${filters.journal}`), month })
    : t('entries.title', { month });

  return (
    <section className="stack">
      <AccountingNav />
      <PageTitle>{title}</PageTitle>
      <FiltersForm
        key={params.toString()}
        initial={filters}
        today={today}
        error={entries.error}
        onApply={(chosen) => setParams(entryFiltersToSearch(chosen))}
      />
      {entries.isPending ? <Loading /> : null}
      <p role="status">
        {entries.isSuccess
          ? items.length === 0
            ? t('entries.empty')
            : t('entries.shown', { count: items.length })
          : null}
      </p>
      <ol className="stack finance-plain">
        {items.map((entry) => (
          <li key={entry.id}>
            <EntryCard entry={entry} />
          </li>
        ))}
      </ol>
      <LoadMore query={entries} />
    </section>
  );
}

function FiltersForm({
  initial,
  today,
  error,
  onApply,
}: {
  initial: EntryFilters;
  today: string;
  error: unknown;
  onApply: (filters: EntryFilters) => void;
}) {
  const { t } = useTranslation('finance');
  const { t: tCommon } = useTranslation();
  const [filters, setFilters] = useState(initial);
  const fields = mergeFieldErrors({}, error, t, tCommon);
  const set = (patch: Partial<EntryFilters>) => setFilters((current) => ({ ...current, ...patch }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(filters);
  }

  return (
    <form onSubmit={submit} className="card stack" aria-label={t('entries.filters')}>
      <ProblemAlert error={error} />
      <div className="grid">
        <PeriodPicker
          period={filters.period}
          today={today}
          error={fields.period}
          onChange={(period) => set({ period })}
        />
        <Field label={t('entries.journal')} errorText={fields.journal}>
          {(control) => (
            <select
              {...control}
              value={filters.journal}
              onChange={(event) => set({ journal: event.target.value as EntryFilters['journal'] })}
            >
              <option value="">{t('entries.anyJournal')}</option>
              {JOURNAL_CODES.map((code) => (
                <option key={code} value={code}>
                  {code} · {t(`journals.label.${code}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('entries.validation')} errorText={fields.validated}>
          {(control) => (
            <select
              {...control}
              value={filters.validated}
              onChange={(event) =>
                set({ validated: event.target.value as EntryFilters['validated'] })
              }
            >
              <option value="">{t('entries.anyValidation')}</option>
              <option value="true">{t('entries.validatedOnly')}</option>
              <option value="false">{t('entries.unvalidatedOnly')}</option>
            </select>
          )}
        </Field>
      </div>
      <div>
        <button type="submit" className="button">
          {t('entries.apply')}
        </button>
      </div>
    </form>
  );
}

function EntryCard({ entry }: { entry: JournalEntry }) {
  const { t, i18n } = useTranslation('finance');
  const language = i18n.language;
  const headingId = `entry-${entry.id}`;
  const name = entry.number ?? t('entries.unnumbered');
  return (
    <article className="card stack" aria-labelledby={headingId}>
      <div className="spread">
        <h2 id={headingId} className="finance-entry-title">
          <span className="finance-nowrap">{name}</span> · {entry.pieceRef}
        </h2>
        {entry.validatedOn ? (
          <StatusBadge tone="ok">
            {t('entries.validatedOn', { date: dayLabel(entry.validatedOn, language) })}
          </StatusBadge>
        ) : (
          <StatusBadge tone="warn">{t('entries.awaiting')}</StatusBadge>
        )}
      </div>
      <dl className="facts finance-facts">
        <dt>{t('entries.journal')}</dt>
        <dd>
          {entry.journal} · {t(`journals.label.${entry.journal}`)}
        </dd>
        <dt>{t('entries.entryDate')}</dt>
        <dd>
          {dayLabel(entry.entryDate, language)}
          {entry.eventDate !== entry.entryDate ? (
            <span className="muted">
              {' '}
              {t('entries.movedFrom', { date: dayLabel(entry.eventDate, language) })}
            </span>
          ) : null}
        </dd>
        <dt>{t('entries.piece')}</dt>
        <dd>
          {entry.pieceRef} · {dayLabel(entry.pieceDate, language)}
        </dd>
        <dt>{t('entries.total')}</dt>
        <dd>
          <Money cents={entry.totalCents} />
        </dd>
      </dl>
      <DataTable
        caption={t('entries.linesCaption', { entry: name })}
        rows={entry.lines}
        rowKey={(line) => String(line.position)}
        columns={[
          {
            id: 'account',
            header: t('entries.account'),
            rowHeader: true,
            cell: (line) => (
              <>
                <span className="finance-nowrap">{line.accountNumber}</span>{' '}
                {/* A VAT account's label names its rate already. */}
                <span className="muted">{line.accountLabel}</span>
              </>
            ),
          },
          {
            id: 'auxiliary',
            header: t('entries.auxiliary'),
            cell: (line) =>
              line.auxiliaryNumber ? (
                <>
                  <span className="finance-nowrap">{line.auxiliaryNumber}</span>{' '}
                  <span className="muted">{line.auxiliaryLabel}</span>
                </>
              ) : null,
          },
          { id: 'label', header: t('entries.label'), cell: (line) => line.label },
          {
            id: 'debit',
            header: t('entries.debit'),
            numeric: true,
            // A zero-amount invoice's lines are 0,00 on both sides: shown once, as a debit.
            cell: (line) =>
              line.debitCents > 0 || line.creditCents === 0 ? (
                <Money cents={line.debitCents} />
              ) : null,
          },
          {
            id: 'credit',
            header: t('entries.credit'),
            numeric: true,
            cell: (line) => (line.creditCents > 0 ? <Money cents={line.creditCents} /> : null),
          },
          {
            id: 'lettering',
            header: t('entries.lettering'),
            cell: (line) =>
              line.letteringCode ? (
                <>
                  <strong>{line.letteringCode}</strong>
                  {line.letteringDate ? (
                    <span className="muted">
                      {' '}
                      {t('entries.letteredOn', { date: dayLabel(line.letteringDate, language) })}
                    </span>
                  ) : null}
                </>
              ) : line.letteringKey ? (
                <span className="muted">{t('entries.notLettered')}</span>
              ) : null,
          },
        ]}
      />
    </article>
  );
}
