import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate, formatDateTime, formatShortDateTime } from '../../../lib/format';
import { useSignAttendance, useSigningPage } from './attendance-queries';
import { SignaturePad, type SignaturePadHandle } from './SignaturePad';
import './attendance.css';

/**
 * `/emargement/:token`, a trainee's personal link for one half-day (e-mailed, or the QR code the
 * trainer shows). No account: made for a phone (375 px), big targets, sign by drawing with a
 * finger or by typing one's name.
 */
export function SigningPage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation('attendance');
  const page = useSigningPage(token);
  const sign = useSignAttendance(token);
  const pad = useRef<SignaturePadHandle>(null);
  const [mode, setMode] = useState<'draw' | 'type'>('draw');
  const [typedName, setTypedName] = useState('');
  const [hasInk, setHasInk] = useState(false);
  const [missing, setMissing] = useState<string | null>(null);

  if (page.isPending) return <Loading />;
  if (page.isError) {
    return (
      <section className="signing">
        <PageTitle>{t('sign.title')}</PageTitle>
        <ProblemAlert error={page.error} ns="attendance" />
      </section>
    );
  }
  const info = page.data;
  const language = i18n.language;
  const halfDay = `${formatDate(info.halfDay.startsAt, language)} — ${t(`sign.${info.halfDay.period}`)}`;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (mode === 'draw') {
      const dataUrl = pad.current?.dataUrl();
      if (!dataUrl) return setMissing(t('sign.drawFirst'));
      setMissing(null);
      sign.mutate({ signaturePng: dataUrl });
    } else {
      if (!typedName.trim()) return setMissing(t('sign.typeFirst'));
      setMissing(null);
      sign.mutate({ typedName: typedName.trim() });
    }
  }

  return (
    <section className="signing">
      <PageTitle>{t('sign.title')}</PageTitle>
      <p className="signing-hello">{t('sign.hello', { name: info.traineeName })}</p>
      <p>{t('sign.intro', { title: info.offeringTitle })}</p>
      <dl className="signing-facts">
        <dt>{t('sign.halfDay')}</dt>
        <dd>{halfDay}</dd>
        {info.location ? (
          <>
            <dt>{t('sign.place')}</dt>
            <dd>{info.location}</dd>
          </>
        ) : null}
      </dl>
      {info.remote ? <p className="muted">{t('sign.remote')}</p> : null}

      {sign.isSuccess ? (
        <div className="alert alert-success signing-done" role="status">
          <p>{t('sign.done', { date: formatDateTime(sign.data.signedAt, language) })}</p>
        </div>
      ) : info.state !== 'open' ? (
        <div className={info.state === 'signed' ? 'alert alert-success' : 'alert'} role="status">
          <p>
            {t(`sign.state.${info.state}`, {
              opens: formatShortDateTime(info.window.opensAt, language),
              date: info.signedAt ? formatDateTime(info.signedAt, language) : '',
            })}
          </p>
        </div>
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="muted">
            {t('sign.window', {
              opens: formatShortDateTime(info.window.opensAt, language),
              closes: formatShortDateTime(info.window.closesAt, language),
            })}
          </p>
          <fieldset className="signing-mode">
            <legend>{t('sign.how')}</legend>
            <label className={mode === 'draw' ? 'choice choice-on' : 'choice'}>
              <input
                type="radio"
                name="mode"
                value="draw"
                checked={mode === 'draw'}
                onChange={() => setMode('draw')}
              />
              {t('sign.draw')}
            </label>
            <label className={mode === 'type' ? 'choice choice-on' : 'choice'}>
              <input
                type="radio"
                name="mode"
                value="type"
                checked={mode === 'type'}
                onChange={() => setMode('type')}
              />
              {t('sign.type')}
            </label>
          </fieldset>
          {mode === 'draw' ? (
            <div className="signing-draw">
              <p id="draw-hint">{t('sign.drawHint')}</p>
              <SignaturePad
                ref={pad}
                label={t('sign.drawLabel')}
                describedBy="draw-hint"
                onInk={(ink) => {
                  setHasInk(ink);
                  if (ink) setMissing(null);
                }}
              />
              <button
                type="button"
                className="button button-secondary"
                disabled={!hasInk}
                onClick={() => pad.current?.clear()}
              >
                {t('sign.clear')}
              </button>
            </div>
          ) : (
            <div className="field">
              <label htmlFor="typed-name">{t('sign.typedLabel')}</label>
              <input
                id="typed-name"
                name="typedName"
                autoComplete="name"
                maxLength={200}
                value={typedName}
                onChange={(event) => setTypedName(event.target.value)}
              />
            </div>
          )}
          {missing ? (
            <p className="alert alert-error" role="alert">
              {missing}
            </p>
          ) : null}
          <ProblemAlert error={sign.error} ns="attendance" />
          <button type="submit" className="button signing-submit" disabled={sign.isPending}>
            {sign.isPending ? t('sign.submitting') : t('sign.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
