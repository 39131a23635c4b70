import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../../components/LoadMore';
import { Link, useSearchParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useBankTransactions } from '../finance-queries';
import type { StatementImport, TransactionStatus } from '../types';
import { ImportProgressPanel } from './ImportProgressPanel';
import { TransactionCard } from './TransactionCard';
import { UploadStatement } from './UploadStatement';

const STATUSES: TransactionStatus[] = ['suggested', 'unmatched', 'matched'];

function statusFrom(value: string | null): TransactionStatus {
  return STATUSES.find((status) => status === value) ?? 'suggested';
}

/** The reconciliation workbench: import a statement, then settle the bank lines one by one. */
export function ReconciliationPage() {
  const { t } = useTranslation('finance');
  const [statement, setStatement] = useState<StatementImport | null>(null);
  return (
    <section className="stack">
      <p>
        <Link to="/finance">{t('back')}</Link>
      </p>
      <PageTitle>{t('reconciliation.title')}</PageTitle>
      <section className="card stack" aria-labelledby="upload-heading">
        <h2 id="upload-heading">{t('upload.title')}</h2>
        <UploadStatement onQueued={setStatement} />
        {statement ? <ImportProgressPanel key={statement.id} initial={statement} /> : null}
      </section>
      <BankLines />
    </section>
  );
}

function BankLines() {
  const { t, i18n } = useTranslation('finance');
  const [params, setParams] = useSearchParams();
  const status = statusFrom(params.get('status'));
  const [notice, setNotice] = useState('');
  const language = i18n.language.startsWith('en') ? 'en' : 'fr';
  const lines = useBankTransactions(status, language);
  const items = lines.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="stack" aria-labelledby="lines-heading">
      <h2 id="lines-heading">{t('reconciliation.lines')}</h2>
      <div className="row" role="group" aria-label={t('reconciliation.filter')}>
        {STATUSES.map((item) => (
          <button
            key={item}
            type="button"
            className={
              item === status ? 'button button-small' : 'button button-secondary button-small'
            }
            aria-pressed={item === status}
            onClick={() => {
              setNotice('');
              setParams({ status: item }, { replace: true });
            }}
          >
            {t(`transactionStatusPlural.${item}`)}
          </button>
        ))}
      </div>
      <p role="status" className={notice ? 'alert alert-success' : undefined}>
        {notice}
      </p>
      {lines.isPending ? <Loading /> : null}
      <ProblemAlert error={lines.error} />
      {lines.isSuccess && items.length === 0 ? (
        <p className="muted">{t(`reconciliation.empty.${status}`)}</p>
      ) : null}
      <ul className="stack finance-plain" aria-label={t(`transactionStatusPlural.${status}`)}>
        {items.map((transaction) => (
          <li key={transaction.id}>
            <TransactionCard transaction={transaction} onNotice={setNotice} />
          </li>
        ))}
      </ul>
      <LoadMore query={lines} />
    </section>
  );
}
