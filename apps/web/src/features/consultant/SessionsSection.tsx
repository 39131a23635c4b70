import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Link } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { formatDateTime, formatShortDateTime } from '../../lib/format';
import { formatTimeRange } from './time-range';
import type { FieldErrors } from './offering-form';
import { addMinutesToParisLocal } from './paris-time';
import { useCancelSession, useScheduleSession, useSessions } from './consultant-queries';
import { DataTable } from '../../components/DataTable';
import { EMPTY_SESSION_FORM, sessionFormToInput, type SessionFormValues } from './schedule-form';
import { StatusBadge, type BadgeTone } from '../../components/StatusBadge';
import type { Offering, Session } from './types';

const SESSION_TONES: Record<Session['status'], BadgeTone> = {
  scheduled: 'ok',
  cancelled: 'danger',
  completed: 'neutral',
};

/** The sessions of a training offering: schedule one, follow its seats, cancel it. */
export function SessionsSection({ offering }: { offering: Offering }) {
  const { t, i18n } = useTranslation('consultant');
  const sessions = useSessions(offering.id);
  const [values, setValues] = useState<SessionFormValues>(EMPTY_SESSION_FORM);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const [cancelling, setCancelling] = useState<Session | null>(null);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const schedule = useScheduleSession(offering.id, {
    onStart: () => setDone(null),
    onAnswered: () => setValues(EMPTY_SESSION_FORM),
    onRefreshed: (session) =>
      setDone(t('sessions.scheduled', { date: formatDateTime(session.startsAt, i18n.language) })),
  });
  const cancel = useCancelSession({
    onStart: () => setDone(null),
    onAnswered: () => {
      setCancelling(null);
      setReason('');
    },
    onRefreshed: (result) =>
      setDone(t('sessions.cancelled', { count: result.cancelledBookings.length })),
  });

  const apiErrors = schedule.error instanceof ApiProblem ? schedule.error.fieldErrors() : {};
  const errors: FieldErrors = { ...apiErrors, ...localErrors };
  const set = (key: keyof SessionFormValues, value: string) =>
    setValues((current) => ({ ...current, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = sessionFormToInput(values);
    if (result.errors) {
      setLocalErrors(result.errors);
      return;
    }
    setLocalErrors({});
    schedule.mutate(result.input);
  }

  const canSchedule = offering.status !== 'archived';
  const needsLocation = offering.deliveryMode !== 'remote';
  const needsLink = offering.deliveryMode !== 'on_site';
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t('sessions.title')}</h2>
      <div role="status" aria-live="polite">
        {done ? <p className="alert alert-success">{done}</p> : null}
      </div>
      {sessions.isPending ? <Loading /> : null}
      <ProblemAlert ns="consultant" error={sessions.error} />
      {sessions.data?.length === 0 ? <p className="muted">{t('sessions.empty')}</p> : null}
      {sessions.data && sessions.data.length > 0 ? (
        <DataTable
          className="consultant-table"
          caption={t('sessions.caption')}
          rows={sessions.data}
          rowKey={(session) => session.id}
          columns={[
            {
              id: 'when',
              header: t('sessions.when'),
              rowHeader: true,
              cell: (session) => formatTimeRange(session.startsAt, session.endsAt, i18n.language),
            },
            {
              id: 'where',
              header: t('sessions.where'),
              cell: (session) => session.location ?? t('sessions.remote'),
            },
            {
              id: 'seatsLeft',
              header: t('sessions.seatsLeft'),
              numeric: true,
              cell: (session) =>
                t('sessions.seats', { left: session.seatsLeft, capacity: session.capacity }),
            },
            {
              id: 'deadline',
              header: t('sessions.deadline'),
              cell: (session) => formatShortDateTime(session.registrationDeadline, i18n.language),
            },
            {
              id: 'status',
              header: t('sessions.status'),
              cell: (session) => (
                <StatusBadge tone={SESSION_TONES[session.status]}>
                  {t(`sessionStatus.${session.status}`)}
                </StatusBadge>
              ),
            },
            {
              id: 'actions',
              header: t('sessions.actions'),
              cell: (session) => (
                <div className="row">
                  <Link to={`/consultant/sessions/${session.id}?offering=${offering.id}`}>
                    {t('sessions.attendees')}
                    <span className="visually-hidden">
                      {' '}
                      {formatShortDateTime(session.startsAt, i18n.language)}
                    </span>
                  </Link>
                  {session.status === 'scheduled' ? (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() => {
                        cancel.reset();
                        setCancelling(session);
                      }}
                    >
                      {t('sessions.cancel')}
                      <span className="visually-hidden">
                        {' '}
                        {formatShortDateTime(session.startsAt, i18n.language)}
                      </span>
                    </button>
                  ) : null}
                </div>
              ),
            },
          ]}
        />
      ) : null}

      {cancelling ? (
        <div className="alert" role="group" aria-labelledby="cancel-session-question">
          <p className="alert-title" id="cancel-session-question">
            {t('sessions.cancelQuestion', {
              date: formatDateTime(cancelling.startsAt, i18n.language),
            })}
          </p>
          <p>{t('sessions.cancelWarning')}</p>
          <Field label={t('sessions.cancelReason')}>
            {(control) => (
              <textarea
                {...control}
                rows={2}
                maxLength={1000}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            )}
          </Field>
          <ProblemAlert ns="consultant" error={cancel.error} />
          <div className="row">
            <button
              type="button"
              className="button button-danger"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate({ session: cancelling, reason })}
            >
              {t('sessions.cancelConfirm')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setCancelling(null)}
            >
              {t('sessions.keep')}
            </button>
          </div>
        </div>
      ) : null}

      {canSchedule ? (
        <form className="card consultant-form" onSubmit={submit} noValidate>
          <h3>{t('sessions.new')}</h3>
          <p className="hint">{t('sessions.parisTime')}</p>
          {Object.keys(localErrors).length > 0 ? (
            <p className="alert alert-error" role="alert">
              {t('common:problem.fieldsInvalid')}
            </p>
          ) : (
            <ProblemAlert ns="consultant" error={schedule.error} />
          )}
          <div className="consultant-columns">
            <Field label={t('sessions.startsAt')} error={errors.startsAt}>
              {(control) => (
                <input
                  {...control}
                  type="datetime-local"
                  required
                  value={values.startsAt}
                  onChange={(event) => {
                    const startsAt = event.target.value;
                    setValues((current) => ({
                      ...current,
                      startsAt,
                      // The end follows the offering's duration until the consultant sets it.
                      endsAt: current.endsAt
                        ? current.endsAt
                        : (addMinutesToParisLocal(startsAt, offering.durationMinutes) ?? ''),
                    }));
                  }}
                />
              )}
            </Field>
            <Field label={t('sessions.endsAt')} error={errors.endsAt}>
              {(control) => (
                <input
                  {...control}
                  type="datetime-local"
                  required
                  value={values.endsAt}
                  onChange={(event) => set('endsAt', event.target.value)}
                />
              )}
            </Field>
          </div>
          <Field label={t('sessions.capacity')} error={errors.capacity}>
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={1}
                max={1000}
                required
                value={values.capacity}
                onChange={(event) => set('capacity', event.target.value)}
              />
            )}
          </Field>
          {needsLocation ? (
            <Field label={t('sessions.location')} error={errors.location}>
              {(control) => (
                <input
                  {...control}
                  required
                  maxLength={300}
                  autoComplete="street-address"
                  value={values.location}
                  onChange={(event) => set('location', event.target.value)}
                />
              )}
            </Field>
          ) : null}
          {needsLink ? (
            <Field
              label={t('sessions.remoteUrl')}
              hint={t('sessions.remoteUrlHint')}
              error={errors.remoteUrl}
            >
              {(control) => (
                <input
                  {...control}
                  type="url"
                  required
                  maxLength={500}
                  value={values.remoteUrl}
                  onChange={(event) => set('remoteUrl', event.target.value)}
                />
              )}
            </Field>
          ) : null}
          <Field
            label={t('sessions.registrationDeadline')}
            hint={t('sessions.registrationDeadlineHint')}
            error={errors.registrationDeadline}
          >
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                value={values.registrationDeadline}
                onChange={(event) => set('registrationDeadline', event.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button" disabled={schedule.isPending}>
            {schedule.isPending ? t('common:status.saving') : t('sessions.schedule')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
