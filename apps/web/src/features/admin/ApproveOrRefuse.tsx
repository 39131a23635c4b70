import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/problem';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';

interface Props {
  approveLabel: string;
  refuseLabel: string;
  /** Each queue words what a refusal means for the consultant. */
  reasonHint: string;
  busy: boolean;
  approveError: unknown;
  refuseError: unknown;
  onApprove: () => void;
  onRefuse: (reason: string) => void;
  /** Forgets the last refusal's error, so that reopening the form starts clean. */
  onCancelRefusal: () => void;
}

/**
 * A moderator's verdict on one item: approve it at once, or refuse it with a reason the
 * consultant will read. Shared by the moderation queue and the revision queue.
 */
export function ApproveOrRefuse({
  approveLabel,
  refuseLabel,
  reasonHint,
  busy,
  approveError,
  refuseError,
  onApprove,
  onRefuse,
  onCancelRefusal,
}: Props) {
  const { t } = useTranslation('admin');
  const refuseButton = useRef<HTMLButtonElement>(null);
  const reasonInput = useRef<HTMLTextAreaElement>(null);
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonError =
    refuseError instanceof ApiProblem ? refuseError.fieldErrors().reason : undefined;

  // The form opens on a click on the refuse button: the reason is what the moderator types next.
  useEffect(() => {
    if (refusing) reasonInput.current?.focus();
  }, [refusing]);

  function submitRefusal(event: FormEvent) {
    event.preventDefault();
    const text = reason.trim();
    setReasonMissing(text === '');
    if (text) onRefuse(text);
  }

  function cancelRefusal() {
    setRefusing(false);
    setReasonMissing(false);
    onCancelRefusal();
    // The form vanishes: give focus back to the button that opened it.
    requestAnimationFrame(() => refuseButton.current?.focus());
  }

  return (
    <>
      <ProblemAlert ns="admin" error={approveError} />
      {refusing ? (
        <form className="stack" onSubmit={submitRefusal} noValidate>
          <ProblemAlert ns="admin" error={refuseError} />
          <Field
            label={t('moderation.reason')}
            hint={reasonHint}
            error={reasonError}
            errorText={reasonMissing ? t('common:problem.field.required') : undefined}
          >
            {(control) => (
              <textarea
                {...control}
                required
                value={reason}
                ref={reasonInput}
                onChange={(event) => setReason(event.target.value)}
              />
            )}
          </Field>
          <div className="row">
            <button type="submit" className="button button-danger" disabled={busy}>
              {t('moderation.confirmRefusal')}
            </button>
            <button type="button" className="button button-secondary" onClick={cancelRefusal}>
              {t('common:actions.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="row">
          <button type="button" className="button" disabled={busy} onClick={onApprove}>
            {approveLabel}
          </button>
          <button
            ref={refuseButton}
            type="button"
            className="button button-danger"
            disabled={busy}
            onClick={() => setRefusing(true)}
          >
            {refuseLabel}
          </button>
        </div>
      )}
    </>
  );
}
