import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiProblem } from '../../api/problem';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { formatDateTime, formatShortDateTime } from '../../lib/format';
import { formatTimeRange } from './time-range';
import { GroupError } from './GroupError';
import type { FieldErrors } from './offering-form';
import { parisToday } from './paris-time';
import { useOpenSlots, useSlots, useWithdrawSlot } from './consultant-queries';
import { DataTable } from '../../components/DataTable';
import { patternFormToInput, WEEKDAYS, type PatternFormValues } from './schedule-form';
import type { Offering } from './types';

const EMPTY_PATTERN: PatternFormValues = {
  from: '',
  to: '',
  weekdays: [],
  startTimes: '',
  durationMinutes: '',
};

/** A consultation's free slots: open them with a weekly pattern, withdraw a free one. */
export function SlotsSection({ offering, isOwner }: { offering: Offering; isOwner: boolean }) {
  const { t, i18n } = useTranslation('consultant');
  const ids = useId();
  const slots = useSlots(offering.id, true);
  const [values, setValues] = useState<PatternFormValues>(EMPTY_PATTERN);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string | null>(null);

  const open = useOpenSlots(offering.id, {
    onStart: () => setDone(null),
    onAnswered: () => setValues(EMPTY_PATTERN),
    onRefreshed: (opened) => setDone(t('slots.opened', { count: opened.length })),
  });
  const withdraw = useWithdrawSlot({
    onStart: () => setDone(null),
    onRefreshed: (slot) =>
      setDone(t('slots.withdrawn', { date: formatDateTime(slot.startsAt, i18n.language) })),
  });

  const apiErrors = open.error instanceof ApiProblem ? open.error.fieldErrors() : {};
  const errors: FieldErrors = { ...apiErrors, ...localErrors };
  const set = <K extends keyof PatternFormValues>(key: K, value: PatternFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = patternFormToInput(values);
    if (result.errors) {
      setLocalErrors(result.errors);
      return;
    }
    setLocalErrors({});
    open.mutate(result.input);
  }

  const weekdaysErrorId = `${ids}-weekdays-error`;
  const free = (slots.data ?? []).filter((slot) => slot.status === 'open');
  return (
    <section aria-labelledby="slots-heading">
      <h2 id="slots-heading">{t('slots.title')}</h2>
      <div role="status" aria-live="polite">
        {done ? <p className="alert alert-success">{done}</p> : null}
      </div>
      {slots.isPending ? <Loading /> : null}
      <ProblemAlert ns="consultant" error={slots.error ?? withdraw.error} />
      {slots.isSuccess && free.length === 0 ? <p className="muted">{t('slots.empty')}</p> : null}
      {free.length > 0 ? (
        <DataTable
          className="consultant-table"
          caption={t('slots.caption')}
          rows={free}
          rowKey={(slot) => slot.id}
          columns={[
            {
              id: 'when',
              header: t('slots.when'),
              rowHeader: true,
              cell: (slot) => formatTimeRange(slot.startsAt, slot.endsAt, i18n.language),
            },
            {
              id: 'actions',
              header: t('slots.actions'),
              cell: (slot) => (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={withdraw.isPending}
                  onClick={() => withdraw.mutate(slot)}
                >
                  {t('slots.withdraw')}
                  <span className="visually-hidden">
                    {' '}
                    {formatShortDateTime(slot.startsAt, i18n.language)}
                  </span>
                </button>
              ),
            },
          ]}
        />
      ) : null}

      {isOwner && offering.status !== 'archived' ? (
        <form className="card consultant-form" onSubmit={submit} noValidate>
          <h3>{t('slots.new')}</h3>
          <p className="hint">{t('sessions.parisTime')}</p>
          {Object.keys(localErrors).length > 0 ? (
            <p className="alert alert-error" role="alert">
              {t('common:problem.fieldsInvalid')}
            </p>
          ) : (
            <ProblemAlert ns="consultant" error={open.error} />
          )}
          <div className="consultant-columns">
            <Field label={t('slots.from')} error={errors['pattern.from']}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  required
                  min={parisToday()}
                  value={values.from}
                  onChange={(event) => set('from', event.target.value)}
                />
              )}
            </Field>
            <Field label={t('slots.to')} error={errors['pattern.to']}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  required
                  min={values.from || parisToday()}
                  value={values.to}
                  onChange={(event) => set('to', event.target.value)}
                />
              )}
            </Field>
          </div>
          <fieldset aria-describedby={errors['pattern.weekdays'] ? weekdaysErrorId : undefined}>
            <legend>{t('slots.weekdays')}</legend>
            <div className="consultant-checks">
              {WEEKDAYS.map((day) => (
                <label key={day} className="consultant-check">
                  <input
                    type="checkbox"
                    checked={values.weekdays.includes(day)}
                    onChange={(event) =>
                      set(
                        'weekdays',
                        event.target.checked
                          ? [...values.weekdays, day]
                          : values.weekdays.filter((weekday) => weekday !== day),
                      )
                    }
                  />{' '}
                  {t(`weekday.${day}`)}
                </label>
              ))}
            </div>
            <GroupError id={weekdaysErrorId} error={errors['pattern.weekdays']} />
          </fieldset>
          <Field
            label={t('slots.startTimes')}
            hint={t('slots.startTimesHint')}
            error={errors['pattern.startTimes']}
          >
            {(control) => (
              <input
                {...control}
                required
                value={values.startTimes}
                onChange={(event) => set('startTimes', event.target.value)}
              />
            )}
          </Field>
          <Field
            label={t('slots.duration')}
            hint={t('slots.durationHint', { minutes: offering.durationMinutes })}
            error={errors['pattern.durationMinutes']}
          >
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={15}
                max={480}
                value={values.durationMinutes}
                onChange={(event) => set('durationMinutes', event.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button" disabled={open.isPending}>
            {open.isPending ? t('common:status.saving') : t('slots.open')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
