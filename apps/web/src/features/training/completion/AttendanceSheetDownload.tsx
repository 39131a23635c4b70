import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';

/**
 * The session's feuille d'émargement as it stands, for its consultant (and admins): made on each
 * click from the half-days signed so far and kept as a new version, so it can be printed during
 * the session and handed to an OPCO after it.
 */
export function AttendanceSheetDownload({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation('consultant');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function fetchSheet() {
    setBusy(true);
    setError(null);
    try {
      await download(`/api/sessions/${sessionId}/attendance-sheet`, 'feuille-emargement.pdf');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card">
      <h2>{t('completion.title')}</h2>
      <p className="muted">{t('completion.help')}</p>
      <button
        type="button"
        className="button button-secondary"
        disabled={busy}
        onClick={() => void fetchSheet()}
      >
        {busy ? t('completion.busy') : t('completion.download')}
      </button>
      <ProblemAlert ns="consultant" error={error} />
    </div>
  );
}
