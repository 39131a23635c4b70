import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldMessage } from '../lib/problem-text';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  label: ReactNode;
  /** The api's message for this field (from a problem's `errors`), shown in the reader's language. */
  error?: string;
  /** A message already worded for the reader (the page's own check); wins over `error`. */
  errorText?: string;
  hint?: ReactNode;
  children: (control: ControlProps) => ReactNode;
}

/** A labelled form control with its hint and its error tied to it for assistive technology. */
export function Field({ label, error, errorText, hint, children }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const message = errorText ?? (error ? fieldMessage(error, t) : undefined);
  const errorId = message ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={message ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({ id, 'aria-invalid': Boolean(message), 'aria-describedby': describedBy })}
      {message ? (
        <p className="field-error" id={errorId}>
          {message}
        </p>
      ) : null}
    </div>
  );
}
