import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate, formatDateTime, formatShortDateTime } from '../../../lib/format';
import {
  useCountersign,
  useRecordAbsence,
  useRecordMinutesMissed,
  useSessionHalfDays,
  type SessionHalfDays,
} from './attendance-queries';
import { SignaturePad, type SignaturePadHandle } from './SignaturePad';
import './attendance.css';

type HalfDay = SessionHalfDays['halfDays'][number];
type Trainee = SessionHalfDays['trainees'][number];
type Editing =
  | { kind: 'absent' | 'late' | 'qr'; halfDayId: string; attendeeId: string }
  | { kind: 'countersign'; halfDayId: string }
  | null;

const hours = (minutes: number) => (Math.round((minutes / 60) * 10) / 10).toLocaleString('fr-FR');

/**
 * `/consultant/sessions/:id/attendance`: the session's attendance sheet as the trainer runs it —
 * trainees × half-days, each trainee's link and QR code, absences and late arrivals, and the
 * countersignature that closes each half-day.
 */
export function AttendancePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('attendance');
  const language = i18n.language;
  const sheet = useSessionHalfDays(id);
  const absence = useRecordAbsence(id);
  const late = useRecordMinutesMissed(id);
  const countersign = useCountersign(id);
  const [editing, setEditing] = useState<Editing>(null);
  const [text, setText] = useState('');
  const [openedAt] = useState(() => Date.now());
  const pad = useRef<SignaturePadHandle>(null);

  if (sheet.isPending) return <Loading />;
  if (sheet.isError) {
    return (
      <section>
        <PageTitle>{t('sign.title')}</PageTitle>
        <ProblemAlert error={sheet.error} ns="attendance" />
      </section>
    );
  }
  const data = sheet.data;
  const halfDayName = (half: HalfDay) =>
    `${formatDate(half.startsAt, language)} — ${t(`sign.${half.period}`)}`;
  const error = absence.error ?? late.error ?? countersign.error;

  function open(next: Editing) {
    absence.reset();
    late.reset();
    countersign.reset();
    setText('');
    setEditing(next);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!editing) return;
    const done = { onSuccess: () => setEditing(null) };
    if (editing.kind === 'absent') absence.mutate({ ...editing, reason: text }, done);
    if (editing.kind === 'late') late.mutate({ ...editing, minutes: Number(text) }, done);
    if (editing.kind === 'countersign') {
      // Drawn, it is signed under the account's name; else the typed name is the signature.
      const drawn = pad.current?.dataUrl();
      countersign.mutate(
        {
          halfDayId: editing.halfDayId,
          signature: drawn ? { signaturePng: drawn } : { typedName: text },
        },
        done,
      );
    }
  }

  function cell(trainee: Trainee, half: HalfDay, at: number) {
    const mark = trainee.cells[at];
    const closed = half.countersignedAt !== null;
    const here = (kind: 'absent' | 'late' | 'qr') =>
      editing?.kind === kind &&
      editing.halfDayId === half.id &&
      editing.attendeeId === trainee.attendeeId;
    return (
      <td key={half.id}>
        <div className="attendance-cell">
          <span>
            {mark.status === 'present'
              ? t(mark.remote ? 'sheet.presentRemote' : 'sheet.present', {
                  time: mark.signedAt ? formatShortDateTime(mark.signedAt, language) : '',
                })
              : mark.status === 'absent'
                ? t('sheet.absent', { reason: mark.absenceReason ?? '' })
                : t('sheet.unsigned')}
          </span>
          {mark.minutesMissed > 0 ? (
            <span className="muted">{t('sheet.late', { minutes: mark.minutesMissed })}</span>
          ) : null}
          {!closed && mark.status === null ? (
            <div className="row">
              <button
                type="button"
                className="button button-secondary"
                aria-expanded={here('qr')}
                onClick={() =>
                  here('qr')
                    ? setEditing(null)
                    : open({ kind: 'qr', halfDayId: half.id, attendeeId: trainee.attendeeId })
                }
              >
                {here('qr') ? t('sheet.hideQr') : t('sheet.showQr')}
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() =>
                  open({ kind: 'absent', halfDayId: half.id, attendeeId: trainee.attendeeId })
                }
              >
                {t('sheet.markAbsent')}
              </button>
            </div>
          ) : null}
          {!closed && mark.status === 'present' ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() =>
                open({ kind: 'late', halfDayId: half.id, attendeeId: trainee.attendeeId })
              }
            >
              {t('sheet.markLate')}
            </button>
          ) : null}
          {here('qr') ? (
            <>
              <img
                className="attendance-qr"
                src={mark.qrCode}
                alt={t('sheet.qrAlt', { name: trainee.name, halfDay: halfDayName(half) })}
              />
              <a href={mark.link}>{t('sheet.copyLink')}</a>
            </>
          ) : null}
          {here('absent') || here('late') ? editor(here('absent') ? 'absent' : 'late') : null}
        </div>
      </td>
    );
  }

  function editor(kind: 'absent' | 'late' | 'countersign') {
    const label =
      kind === 'absent'
        ? t('sheet.reason')
        : kind === 'late'
          ? t('sheet.minutes')
          : t('sign.typedLabel');
    return (
      <form onSubmit={submit} noValidate className="field">
        <label htmlFor={`edit-${kind}`}>{label}</label>
        <input
          id={`edit-${kind}`}
          type={kind === 'late' ? 'number' : 'text'}
          min={kind === 'late' ? 1 : undefined}
          inputMode={kind === 'late' ? 'numeric' : undefined}
          autoComplete={kind === 'countersign' ? 'name' : 'off'}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <div className="row">
          <button type="submit" className="button">
            {kind === 'countersign' ? t('sheet.countersign') : t('sheet.record')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setEditing(null)}
          >
            {t('sheet.cancel')}
          </button>
        </div>
      </form>
    );
  }

  const countersigning =
    editing?.kind === 'countersign'
      ? data.halfDays.find((half) => half.id === editing.halfDayId)
      : undefined;

  return (
    <section>
      <p>
        <Link to={`/consultant/sessions/${id}`}>{t('sheet.back')}</Link>
      </p>
      <PageTitle>{t('sheet.title', { title: data.offeringTitle })}</PageTitle>
      <p>{t('sheet.intro', { margin: data.signingMarginMinutes })}</p>
      {data.remote ? <p className="alert">{t('sheet.remote')}</p> : null}
      <ProblemAlert error={error} ns="attendance" />
      {countersigning ? (
        <div className="card">
          <h2>{t('sheet.countersignTitle', { halfDay: halfDayName(countersigning) })}</h2>
          <p>{t('sheet.countersignHint')}</p>
          <p id="countersign-draw-hint">{t('sheet.countersignDraw')}</p>
          <SignaturePad
            ref={pad}
            label={t('sign.drawLabel')}
            describedBy="countersign-draw-hint"
            onInk={() => undefined}
          />
          {editor('countersign')}
        </div>
      ) : null}
      <div className="table-wrap attendance-scroll">
        <table className="attendance-grid">
          <caption>{t('sheet.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sheet.trainee')}</th>
              {data.halfDays.map((half) => (
                <th scope="col" key={half.id}>
                  <div>{halfDayName(half)}</div>
                  {half.countersignedAt ? (
                    <div className="muted">
                      {t('sheet.countersignedBy', {
                        name: half.countersignerName ?? '',
                        date: formatDateTime(half.countersignedAt, language),
                      })}
                    </div>
                  ) : Date.parse(half.startsAt) > openedAt ? (
                    <div className="muted">{t('sheet.notYet')}</div>
                  ) : (
                    <button
                      type="button"
                      className="button"
                      onClick={() => open({ kind: 'countersign', halfDayId: half.id })}
                    >
                      {t('sheet.countersign')}
                    </button>
                  )}
                </th>
              ))}
              <th scope="col">{t('sheet.attended')}</th>
            </tr>
          </thead>
          <tbody>
            {data.trainees.map((trainee) => (
              <tr key={trainee.attendeeId}>
                <th scope="row">{trainee.name}</th>
                {data.halfDays.map((half, at) => cell(trainee, half, at))}
                <td>
                  {t('sheet.hours', {
                    hours: hours(trainee.attendedMinutes),
                    total: hours(data.scheduledMinutes),
                  })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
