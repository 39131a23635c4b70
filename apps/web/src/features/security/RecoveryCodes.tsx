import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Recovery codes, shown once: the api keeps only their hashes. Copy and download help people put
 * them somewhere safe before they leave the page.
 */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation('security');
  const [copied, setCopied] = useState<boolean | null>(null);
  const text = `${t('codes.fileHeader')}\n\n${codes.join('\n')}\n`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'mutualis-codes-de-secours.txt';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <div className="recovery-codes">
      <h2>{t('codes.title')}</h2>
      <p className="alert">{t('codes.once')}</p>
      <p>{t('codes.explain', { count: codes.length })}</p>
      <ol aria-label={t('codes.title')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          {t('codes.copy')}
        </button>
        <button type="button" className="button button-secondary" onClick={download}>
          {t('codes.download')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('codes.done')}
        </button>
      </div>
      <p role="status" className="muted">
        {copied === true ? t('codes.copied') : copied === false ? t('codes.copyFailed') : ''}
      </p>
    </div>
  );
}
