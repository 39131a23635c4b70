import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { ApiProblem } from '../../../api/problem';
import type { components } from '../../../api/schema';
import { Field } from '../../../components/Field';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { consultantKeys } from '../../consultant/consultant-queries';
import {
  rescheduleInput,
  sessionToReschedule,
  type RescheduleInput,
  type RescheduleValues,
} from './reschedule-form';

type Session = components['schemas']['SessionDto'];

/**
 * On the consultant's session page, before it begins: move the session or change its place or
 * link (PATCH /sessions/:id). Trainees already convoked receive a revised convocation.
 */
export function RescheduleSession({ session }: { session: Session }) {
  const { t } = useTranslation('trainingProgramme');
  const queryClient = useQueryClient();
  const [values, setValues] = useState<RescheduleValues>(() => sessionToReschedule(session));
  const [localErrors, setLocalErrors] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: async (input: RescheduleInput) =>
      unwrap(
        await api.PATCH('/api/sessions/{id}', {
          params: { path: { id: session.id } },
          body: input,
        }),
      ),
    onMutate: () => setDone(null),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: consultantKeys.all });
      setDone(t('reschedule.done'));
    },
  });
  const apiErrors = move.error instanceof ApiProblem ? move.error.fieldErrors() : {};
  const set = (key: keyof RescheduleValues, value: string) =>
    setValues((current) => ({ ...current, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = rescheduleInput(session, values);
    if (result.errors) {
      setLocalErrors(result.errors);
      return;
    }
    setLocalErrors([]);
    if (Object.keys(result.input).length === 0) {
      setDone(t('reschedule.nothing'));
      return;
    }
    move.mutate(result.input);
  }

  const timeField = (key: 'startsAt' | 'endsAt') => (
    <Field
      label={t(`reschedule.${key}`)}
      error={apiErrors[key]}
      errorText={localErrors.includes(key) ? t('reschedule.noSuchTime') : undefined}
    >
      {(control) => (
        <input
          {...control}
          type="datetime-local"
          value={values[key]}
          onChange={(event) => set(key, event.target.value)}
        />
      )}
    </Field>
  );

  return (
    <details className="card">
      <summary>{t('reschedule.summary')}</summary>
      <form onSubmit={submit} noValidate className="consultant-form">
        <p className="hint">{t('reschedule.intro')}</p>
        <div className="consultant-columns">
          {timeField('startsAt')}
          {timeField('endsAt')}
        </div>
        <Field label={t('reschedule.location')} error={apiErrors.location}>
          {(control) => (
            <input
              {...control}
              maxLength={300}
              value={values.location}
              onChange={(event) => set('location', event.target.value)}
            />
          )}
        </Field>
        <Field label={t('reschedule.remoteUrl')} error={apiErrors.remoteUrl}>
          {(control) => (
            <input
              {...control}
              type="url"
              maxLength={500}
              value={values.remoteUrl}
              onChange={(event) => set('remoteUrl', event.target.value)}
            />
          )}
        </Field>
        <ProblemAlert ns="consultant" error={move.error} />
        <div role="status" aria-live="polite">
          {done ? <p className="alert alert-success">{done}</p> : null}
        </div>
        <button type="submit" className="button" disabled={move.isPending}>
          {move.isPending ? t('common:status.saving') : t('reschedule.save')}
        </button>
      </form>
    </details>
  );
}
