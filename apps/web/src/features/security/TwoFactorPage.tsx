import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../lib/format';
import { safeNext } from '../LoginPage';
import { ProofForm } from './ProofForm';
import { RecoveryCodes } from './RecoveryCodes';
import {
  useConfirmEnrolment,
  useDisableTwoFactor,
  useRegenerateRecoveryCodes,
  useStartEnrolment,
  useTwoFactorStatus,
  type TwoFactorEnrolment,
} from './security-api';
import { SecurityProblem } from './SecurityProblem';

/**
 * /account/security/two-factor: turn two-factor authentication on (scan the QR code or type the
 * setup key, then confirm with a first code), keep the recovery codes, make new ones, turn it off.
 * Admins and finance staff are sent here until they enrol (RequireAuth), then back where they were.
 */
export function TwoFactorPage() {
  const { t, i18n } = useTranslation('security');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const status = useTwoFactorStatus();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [enrolment, setEnrolment] = useState<TwoFactorEnrolment | null>(null);
  const [action, setAction] = useState<'regenerate' | 'disable' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const start = useStartEnrolment();
  const regenerate = useRegenerateRecoveryCodes();
  const disable = useDisableTwoFactor();
  const next = params.get('next');

  function finishCodes() {
    setCodes(null);
    setEnrolment(null);
    if (next) void navigate(safeNext(next), { replace: true });
  }

  let body;
  if (codes) {
    body = <RecoveryCodes codes={codes} onDone={finishCodes} />;
  } else if (status.isPending) {
    body = <Loading />;
  } else if (status.error || !status.data) {
    body = <ProblemAlert error={status.error} />;
  } else if (enrolment) {
    // Before the status: confirming turns it on, and the codes must still reach the page.
    body = (
      <Enrol
        enrolment={enrolment}
        onConfirmed={(recoveryCodes) => setCodes(recoveryCodes)}
        onCancel={() => setEnrolment(null)}
      />
    );
  } else if (status.data.enabled) {
    const state = status.data;
    body = (
      <>
        <p className="alert alert-success">
          {state.enabledAt
            ? t('status.onSince', { date: formatDate(state.enabledAt, i18n.language) })
            : t('status.on')}
        </p>
        <p>{t('status.codesLeft', { count: state.recoveryCodesLeft })}</p>
        {done ? (
          <p role="status" className="alert alert-success">
            {done}
          </p>
        ) : null}
        {action === null ? (
          <div className="security-actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                regenerate.reset();
                setAction('regenerate');
              }}
            >
              {t('actions.regenerate')}
            </button>
            {state.required ? null : (
              <button
                type="button"
                className="button button-danger"
                onClick={() => {
                  disable.reset();
                  setAction('disable');
                }}
              >
                {t('actions.disable')}
              </button>
            )}
          </div>
        ) : null}
        {state.required ? <p className="muted">{t('status.requiredKeep')}</p> : null}
        {action === 'regenerate' ? (
          <>
            <h2>{t('actions.regenerate')}</h2>
            <p>{t('regenerate.explain')}</p>
            <SecurityProblem error={regenerate.error} />
            <ProofForm
              submitLabel={t('regenerate.submit')}
              busy={regenerate.isPending}
              onCancel={() => setAction(null)}
              onSubmit={(proof) =>
                void regenerate.mutateAsync(proof).then(
                  (answer) => {
                    setAction(null);
                    setCodes(answer.recoveryCodes);
                  },
                  () => undefined,
                )
              }
            />
          </>
        ) : null}
        {action === 'disable' ? (
          <>
            <h2>{t('actions.disable')}</h2>
            <p>{t('disable.explain')}</p>
            <SecurityProblem error={disable.error} />
            <ProofForm
              danger
              submitLabel={t('disable.submit')}
              busy={disable.isPending}
              onCancel={() => setAction(null)}
              onSubmit={(proof) =>
                disable.mutate(proof, {
                  onSuccess: () => {
                    setAction(null);
                    setDone(t('disable.done'));
                  },
                })
              }
            />
          </>
        ) : null}
      </>
    );
  } else {
    body = (
      <>
        {status.data.required ? (
          <div className="alert" role="alert">
            <p className="alert-title">{t('required.title')}</p>
            <p>{t('required.body')}</p>
          </div>
        ) : null}
        {done ? (
          <p role="status" className="alert alert-success">
            {done}
          </p>
        ) : null}
        <p>{t('intro.what')}</p>
        <p>{t('intro.apps')}</p>
        <SecurityProblem error={start.error} />
        <button
          type="button"
          className="button"
          disabled={start.isPending}
          onClick={() => start.mutate(undefined, { onSuccess: setEnrolment })}
        >
          {start.isPending ? t('common:status.loading') : t('actions.enable')}
        </button>
      </>
    );
  }

  return (
    <section className="narrow">
      <PageTitle>{t('title')}</PageTitle>
      {body}
    </section>
  );
}

/** Scan or type the secret, then prove the app has it with its first code. */
function Enrol({
  enrolment,
  onConfirmed,
  onCancel,
}: {
  enrolment: TwoFactorEnrolment;
  onConfirmed: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('security');
  const confirm = useConfirmEnrolment();
  const [code, setCode] = useState('');
  // Grouped by four, as authenticator apps show setup keys; spaces are ignored when typed.
  const grouped = enrolment.secret.replace(/(.{4})(?=.)/g, '$1 ');

  function submit(event: FormEvent) {
    event.preventDefault();
    void confirm.mutateAsync(code.replace(/\s/g, '')).then(
      (answer) => onConfirmed(answer.recoveryCodes),
      () => setCode(''),
    );
  }

  return (
    <ol className="enrolment-steps">
      <li>
        <p>{t('enrol.scan')}</p>
        <img className="qr-code" src={enrolment.qrCode} alt={t('enrol.qrAlt')} />
      </li>
      <li>
        <p>{t('enrol.manual')}</p>
        <p>
          <span className="visually-hidden">{t('enrol.setupKey')} </span>
          <code className="setup-key" data-testid="totp-secret" aria-label={t('enrol.setupKey')}>
            {grouped}
          </code>
        </p>
        <p className="muted">{t('enrol.manualDetails')}</p>
      </li>
      <li>
        <form onSubmit={submit} noValidate>
          <SecurityProblem error={confirm.error} />
          <Field label={t('enrol.code')} hint={t('enrol.codeHint')}>
            {(control) => (
              <input
                {...control}
                className="otp-input"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={7}
                value={code}
                onChange={(event) => setCode(event.target.value)}
              />
            )}
          </Field>
          <div className="security-actions">
            <button
              type="submit"
              className="button"
              disabled={confirm.isPending || code.trim() === ''}
            >
              {confirm.isPending ? t('common:status.loading') : t('enrol.submit')}
            </button>
            <button type="button" className="button button-secondary" onClick={onCancel}>
              {t('common:actions.cancel')}
            </button>
          </div>
        </form>
      </li>
    </ol>
  );
}
