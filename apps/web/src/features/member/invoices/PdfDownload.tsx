import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../../api/client';
import { ApiProblem } from '../../../api/problem';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { Invoice } from '../types';

/**
 * Downloads an invoice's PDF. The worker renders it just after issuing the invoice: until then
 * the api answers 409 invoice_pdf_not_ready, which we say plainly, with a button to try again.
 */
export function PdfDownload({
  invoice,
  small = false,
}: {
  invoice: Pick<Invoice, 'id' | 'number' | 'type'>;
  small?: boolean;
}) {
  const { t } = useTranslation('member');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const notReady = error instanceof ApiProblem && error.problem.code === 'invoice_pdf_not_ready';
  const name = invoice.number ?? invoice.id;

  async function fetchPdf() {
    setBusy(true);
    setError(null);
    try {
      await download(`/api/invoices/${invoice.id}/pdf`, `${name}.pdf`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="pdf-download">
      <button
        type="button"
        className={small ? 'button button-secondary button-small' : 'button button-secondary'}
        disabled={busy}
        onClick={() => void fetchPdf()}
      >
        {busy ? t('invoices.pdfBusy') : notReady ? t('invoices.pdfRetry') : t('invoices.pdf')}
        <span className="visually-hidden"> {name}</span>
      </button>
      {notReady ? (
        <p className="field-error" role="alert">
          {t('invoices.pdfNotReady')}
        </p>
      ) : (
        <ProblemAlert error={error} />
      )}
    </div>
  );
}
