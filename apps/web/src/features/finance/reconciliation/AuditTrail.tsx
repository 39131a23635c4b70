import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatShortDateTime } from '../../../lib/format';
import { useTransactionAudit } from '../finance-queries';

/** Who allocated or undid what on a line, loaded when opened. */
export function AuditTrail({ transactionId }: { transactionId: string }) {
  const { t, i18n } = useTranslation('finance');
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const audit = useTransactionAudit(transactionId, open);
  return (
    <div>
      <button
        type="button"
        className="link-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        {open ? t('audit.hide') : t('audit.show')}
      </button>
      <div id={panelId} hidden={!open}>
        {open && audit.isPending ? <Loading /> : null}
        <ProblemAlert error={audit.error} />
        {audit.data && audit.data.length === 0 ? <p className="muted">{t('audit.empty')}</p> : null}
        {audit.data && audit.data.length > 0 ? (
          <ul aria-label={t('audit.title')}>
            {audit.data.map((entry) => (
              <li key={`${entry.at}-${entry.action}-${entry.allocationId ?? ''}`}>
                {formatShortDateTime(entry.at, i18n.language)} · {t(`audit.action.${entry.action}`)}
                {entry.amountCents !== null ? (
                  <>
                    {' · '}
                    <Money cents={entry.amountCents} />
                  </>
                ) : null}
                {entry.actorId === null ? ` · ${t('audit.byMatcher')}` : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
