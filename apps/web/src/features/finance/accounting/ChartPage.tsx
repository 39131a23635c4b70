import type { TFunction } from 'i18next';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatShortDateTime } from '../../../lib/format';
import { useChart, useSaveChart } from '../finance-queries';
import type { ChartAccount } from '../types';
import { AccountingNav } from './AccountingNav';
import {
  accountKey,
  chartChanges,
  chartProblems,
  formatRate,
  sortChart,
  type AccountDraft,
  type ChartErrors,
} from './accounting';

/**
 * The chart of accounts: the account each role of the books posts to. Finance may change numbers
 * and labels; entries already posted keep theirs, so a change applies to entries to come.
 */
export function ChartPage() {
  const { t } = useTranslation('finance');
  const chart = useChart();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const editButton = useRef<HTMLButtonElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const accounts = sortChart(chart.data ?? []);

  function leave(message: string) {
    setEditing(false);
    setNotice(message);
    requestAnimationFrame(() => (message ? noticeRef.current : editButton.current)?.focus());
  }

  return (
    <section className="stack">
      <AccountingNav />
      <PageTitle>{t('chart.title')}</PageTitle>
      <p className="muted">{t('chart.intro')}</p>
      <p className="alert">{t('chart.futureOnly')}</p>
      <p
        role="status"
        ref={noticeRef}
        tabIndex={-1}
        className={notice ? 'alert alert-success' : undefined}
      >
        {notice}
      </p>
      {chart.isPending ? <Loading /> : null}
      <ProblemAlert error={chart.error} />
      {chart.isSuccess && !editing ? (
        <>
          <ChartTable accounts={accounts} />
          <p>
            <button
              type="button"
              ref={editButton}
              className="button"
              onClick={() => {
                setNotice('');
                setEditing(true);
              }}
            >
              {t('chart.edit')}
            </button>
          </p>
        </>
      ) : null}
      {chart.isSuccess && editing ? (
        <ChartForm
          accounts={accounts}
          onSaved={(count) =>
            leave(count === 0 ? t('chart.unchanged') : t('chart.saved', { count }))
          }
          onCancel={() => leave('')}
        />
      ) : null}
    </section>
  );
}

function roleLabel(account: ChartAccount, t: TFunction, language: string): string {
  return t(`chart.role.${account.role}`, {
    rate: account.vatRateBasisPoints ? formatRate(account.vatRateBasisPoints, language) : '',
  });
}

function ChartTable({ accounts }: { accounts: ChartAccount[] }) {
  const { t, i18n } = useTranslation('finance');
  return (
    <DataTable
      caption={t('chart.caption')}
      rows={accounts}
      rowKey={accountKey}
      columns={[
        {
          id: 'role',
          header: t('chart.roleHeader'),
          rowHeader: true,
          cell: (account) => roleLabel(account, t, i18n.language),
        },
        {
          id: 'number',
          header: t('chart.number'),
          cell: (account) => <span className="finance-nowrap">{account.number}</span>,
        },
        { id: 'label', header: t('chart.label'), cell: (account) => account.label },
        {
          id: 'updatedAt',
          header: t('chart.updatedAt'),
          cell: (account) => formatShortDateTime(account.updatedAt, i18n.language),
        },
      ]}
    />
  );
}

function ChartForm({
  accounts,
  onSaved,
  onCancel,
}: {
  accounts: ChartAccount[];
  onSaved: (count: number) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation('finance');
  const { t: tCommon } = useTranslation();
  const [drafts, setDrafts] = useState<Record<string, AccountDraft>>(() =>
    Object.fromEntries(
      accounts.map((account) => [
        accountKey(account),
        { number: account.number, label: account.label },
      ]),
    ),
  );
  const [localErrors, setLocalErrors] = useState<ChartErrors>({});
  const [sentKeys, setSentKeys] = useState<string[]>([]);
  const save = useSaveChart(onSaved);
  const form = useRef<HTMLFormElement>(null);
  // The « Modifier » button is gone: focus goes to the first account's number.
  useEffect(() => {
    form.current?.querySelector('input')?.focus();
  }, []);
  const remote = chartProblems(save.error, sentKeys, t, tCommon, i18n.language);
  const errorOf = (key: string, field: 'number' | 'label') => {
    const local = localErrors[key]?.[field];
    return local ? t(local) : remote.fields[key]?.[field];
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = chartChanges(accounts, drafts);
    if ('errors' in result) {
      setLocalErrors(result.errors);
      return;
    }
    setLocalErrors({});
    if (result.changes.length === 0) {
      onSaved(0);
      return;
    }
    setSentKeys(result.keys);
    save.mutate(result.changes);
  }

  const set = (key: string, patch: Partial<AccountDraft>) =>
    setDrafts((current) => ({ ...current, [key]: { ...current[key], ...patch } }));

  return (
    <form
      ref={form}
      onSubmit={submit}
      noValidate
      className="stack"
      aria-label={t('chart.formLabel')}
    >
      {Object.keys(localErrors).length > 0 ? (
        <div className="alert alert-error" role="alert">
          <p>{tCommon('problem.fieldsInvalid')}</p>
        </div>
      ) : null}
      <ProblemAlert ns="finance" error={save.error} />
      {remote.other.length > 0 ? (
        <ul className="field-error">
          {remote.other.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
      <div className="table-wrap finance-chart-form">
        <table>
          <caption className="visually-hidden">{t('chart.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('chart.roleHeader')}</th>
              <th scope="col">{t('chart.number')}</th>
              <th scope="col">{t('chart.label')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => {
              const key = accountKey(account);
              const role = roleLabel(account, t, i18n.language);
              const draft = drafts[key];
              const numberError = errorOf(key, 'number');
              const labelError = errorOf(key, 'label');
              const id = `chart-${key.replace(':', '-')}`;
              return (
                <tr key={key}>
                  <th scope="row">{role}</th>
                  <td className={numberError ? 'field field-invalid' : 'field'}>
                    <label htmlFor={`${id}-number`} className="visually-hidden">
                      {t('chart.numberOf', { role })}
                    </label>
                    <input
                      id={`${id}-number`}
                      className="finance-account-number"
                      value={draft.number}
                      maxLength={20}
                      autoComplete="off"
                      spellCheck={false}
                      aria-invalid={Boolean(numberError)}
                      aria-describedby={numberError ? `${id}-number-error` : undefined}
                      onChange={(event) => set(key, { number: event.target.value })}
                    />
                    {numberError ? (
                      <p className="field-error" id={`${id}-number-error`}>
                        {numberError}
                      </p>
                    ) : null}
                  </td>
                  <td className={labelError ? 'field field-invalid' : 'field'}>
                    <label htmlFor={`${id}-label`} className="visually-hidden">
                      {t('chart.labelOf', { role })}
                    </label>
                    <input
                      id={`${id}-label`}
                      value={draft.label}
                      maxLength={100}
                      autoComplete="off"
                      aria-invalid={Boolean(labelError)}
                      aria-describedby={labelError ? `${id}-label-error` : undefined}
                      onChange={(event) => set(key, { label: event.target.value })}
                    />
                    {labelError ? (
                      <p className="field-error" id={`${id}-label-error`}>
                        {labelError}
                      </p>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted">{t('chart.futureOnly')}</p>
      <div className="row">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t('chart.saving') : t('chart.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('chart.cancel')}
        </button>
      </div>
    </form>
  );
}
