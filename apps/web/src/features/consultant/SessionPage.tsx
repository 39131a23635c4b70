import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Link, useParams, useSearchParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../lib/format';
import { AttendanceSheetDownload } from '../training/completion/AttendanceSheetDownload';
import { SurveyResults } from '../training/survey/SurveyResults';
import { changedMarks, groupByOrganisation, isMarkable } from './attendance';
import { useAttendees, useMarkAttendance, useOffering, useSessions } from './consultant-queries';
import './consultant.css';
import type { Attendance } from './types';
import { RescheduleSession } from '../training/programme/RescheduleSession';

/**
 * A session's attendee list and attendance sheet. E-mails link here by session id alone; from
 * the offering page the link also names the offering, so that the session's date can be shown.
 */
export function SessionPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const offeringId = params.get('offering') ?? undefined;
  const { t, i18n } = useTranslation('consultant');
  const offering = useOffering(offeringId);
  const sessions = useSessions(offeringId);
  const session = sessions.data?.find((candidate) => candidate.id === id);
  const attendees = useAttendees(id);
  const [choices, setChoices] = useState<Record<string, Attendance | undefined>>({});
  const [done, setDone] = useState<string | null>(null);
  // When the page opened: enough to say a session has not begun, and stable across renders.
  const [openedAt] = useState(() => Date.now());
  const mark = useMarkAttendance(id, {
    onStart: () => setDone(null),
    onAnswered: () => setChoices({}),
    onRefreshed: (result) => setDone(t('attendance.saved', { count: result.bookings.length })),
  });

  const entries = attendees.data ?? [];
  const marks = changedMarks(entries, choices);
  const notStarted = session ? Date.parse(session.startsAt) > openedAt : false;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (marks.length === 0) {
      setDone(t('attendance.nothingChanged'));
      return;
    }
    mark.mutate(marks);
  }

  return (
    <section>
      <p>
        {offeringId ? (
          <Link to={`/consultant/offerings/${offeringId}`}>{t('attendance.backToOffering')}</Link>
        ) : (
          <Link to="/consultant/offerings">{t('back')}</Link>
        )}
      </p>
      <PageTitle>{t('attendance.title')}</PageTitle>
      <p>
        <Link className="button button-secondary" to={`/consultant/sessions/${id}/attendance`}>
          {t('attendance.halfDaysLink')}
        </Link>
      </p>
      {offering.data && session ? (
        <dl className="facts card">
          <dt>{t('attendance.offering')}</dt>
          <dd>{offering.data.title}</dd>
          <dt>{t('attendance.when')}</dt>
          <dd>{formatDateTime(session.startsAt, i18n.language)}</dd>
          <dt>{t('attendance.where')}</dt>
          <dd>{session.location ?? t('sessions.remote')}</dd>
          <dt>{t('sessions.seatsLeft')}</dt>
          <dd>{t('sessions.seats', { left: session.seatsLeft, capacity: session.capacity })}</dd>
          <dt>{t('sessions.status')}</dt>
          <dd>{t(`sessionStatus.${session.status}`)}</dd>
        </dl>
      ) : null}
      {notStarted ? <p className="alert">{t('attendance.notStarted')}</p> : null}
      <AttendanceSheetDownload sessionId={id} />
      {session && notStarted && session.status === 'scheduled' ? (
        <RescheduleSession session={session} />
      ) : null}
      {attendees.isPending ? <Loading /> : null}
      <ProblemAlert ns="consultant" error={attendees.error} />
      {attendees.isSuccess && entries.length === 0 ? (
        <p className="card">{t('attendance.empty')}</p>
      ) : null}
      {entries.length > 0 ? (
        <form onSubmit={submit} noValidate>
          <div className="table-wrap consultant-table">
            <table>
              <caption className="visually-hidden">{t('attendance.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('attendance.name')}</th>
                  <th scope="col">{t('attendance.booking')}</th>
                  <th scope="col">{t('attendance.presence')}</th>
                </tr>
              </thead>
              {groupByOrganisation(entries).map((group) => (
                // One group per organisation, its name heading the group: three columns fit a phone.
                <tbody key={group.organisationId}>
                  <tr>
                    <th scope="rowgroup" colSpan={3} className="consultant-group">
                      {group.organisationName}
                    </th>
                  </tr>
                  {group.attendees.map((entry) => {
                    const value = choices[entry.id] ?? entry.attendance ?? undefined;
                    return (
                      <tr key={entry.id}>
                        <th scope="row" className="consultant-attendee">
                          {entry.name}
                          <a href={`mailto:${entry.email}`}>{entry.email}</a>
                        </th>
                        <td>{t(`bookingStatus.${entry.bookingStatus}`)}</td>
                        <td>
                          {isMarkable(entry) ? (
                            <fieldset className="consultant-radios">
                              <legend className="visually-hidden">
                                {t('attendance.presenceOf', { name: entry.name })}
                              </legend>
                              {(['present', 'absent'] as const).map((option) => (
                                <label key={option} className="consultant-check">
                                  <input
                                    type="radio"
                                    name={`attendance-${entry.id}`}
                                    value={option}
                                    checked={value === option}
                                    onChange={() =>
                                      setChoices((current) => ({ ...current, [entry.id]: option }))
                                    }
                                  />{' '}
                                  {t(`attendance.${option}`)}
                                </label>
                              ))}
                            </fieldset>
                          ) : (
                            <span className="muted">{t('attendance.notMarkable')}</span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              ))}
            </table>
          </div>
          <ProblemAlert ns="consultant" error={mark.error} />
          <div role="status" aria-live="polite">
            {done ? <p className="alert alert-success">{done}</p> : null}
          </div>
          <div className="row consultant-actions">
            <button type="submit" className="button" disabled={mark.isPending}>
              {mark.isPending ? t('common:status.saving') : t('attendance.save')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() =>
                setChoices(
                  Object.fromEntries(
                    entries.filter(isMarkable).map((entry) => [entry.id, 'present' as const]),
                  ),
                )
              }
            >
              {t('attendance.allPresent')}
            </button>
          </div>
        </form>
      ) : null}
      <section aria-labelledby="survey-results-title">
        <h2 id="survey-results-title">{t('results.title', { ns: 'survey' })}</h2>
        <SurveyResults target={{ kind: 'session', id }} />
      </section>
    </section>
  );
}
