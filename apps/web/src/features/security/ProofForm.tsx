import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import type { TwoFactorProof } from './security-api';

/**
 * Asks for a current code or the password before a change to the second factor itself, so that
 * someone at an unlocked computer cannot quietly turn it off or take the recovery codes.
 */
export function ProofForm({
  submitLabel,
  busy,
  onSubmit,
  onCancel,
  danger = false,
}: {
  submitLabel: string;
  busy: boolean;
  onSubmit: (proof: TwoFactorProof) => void;
  onCancel: () => void;
  danger?: boolean;
}) {
  const { t } = useTranslation('security');
  const [method, setMethod] = useState<'code' | 'password'>('code');
  const [value, setValue] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(method === 'code' ? { code: value.replace(/\s/g, '') } : { password: value });
  }

  return (
    <form onSubmit={submit} noValidate className="proof-form">
      <fieldset>
        <legend>{t('proof.legend')}</legend>
        <label className="choice">
          <input
            type="radio"
            name="proof"
            checked={method === 'code'}
            onChange={() => {
              setMethod('code');
              setValue('');
            }}
          />{' '}
          {t('proof.code')}
        </label>
        <label className="choice">
          <input
            type="radio"
            name="proof"
            checked={method === 'password'}
            onChange={() => {
              setMethod('password');
              setValue('');
            }}
          />{' '}
          {t('proof.password')}
        </label>
      </fieldset>
      <Field label={method === 'code' ? t('proof.codeLabel') : t('proof.passwordLabel')}>
        {(control) =>
          method === 'code' ? (
            <input
              {...control}
              className="otp-input"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              value={value}
              onChange={(event) => setValue(event.target.value)}
            />
          ) : (
            <input
              {...control}
              type="password"
              autoComplete="current-password"
              value={value}
              onChange={(event) => setValue(event.target.value)}
            />
          )
        }
      </Field>
      <div className="actions">
        <button
          type="submit"
          className={danger ? 'button button-danger' : 'button'}
          disabled={busy || value.trim() === ''}
        >
          {busy ? t('common:status.loading') : submitLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common:actions.cancel')}
        </button>
      </div>
    </form>
  );
}
