import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type Problem } from '../../../api/problem';
import type { Profile } from '../../../auth/session';
import { Field } from '../../../components/Field';
import { Money } from '../../../components/Money';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/format';
import { estimatePrice } from '../../../lib/price';
import { useBook } from '../member-queries';
import type { Booking, Offering } from '../types';
import {
  AttemptKeys,
  attendeesProblem,
  bookingBody,
  referenceProblems,
  referencesAsked,
  seatLimit,
  validateAttendees,
  type AttendeeRow,
  type ChorusRequirements,
  type ReferenceValues,
  type Target,
} from './booking-form';
import { MembershipNotice } from '../membership/MembershipNotice';
import { PriceDisplay } from './PriceDisplay';
import { UnpaidPlacesProblem } from './UnpaidPlacesProblem';

/** Api problems shown beside the choice they are about rather than above the form. */
const SESSION_PROBLEMS = new Set([
  'registration_closed',
  'session_not_bookable',
  'session_not_found',
  'slot_unavailable',
  'slot_not_found',
]);
const ATTENDEE_PROBLEMS = new Set(['organisation_seat_limit', 'more_seats_than_capacity']);
/** Problems about the Chorus Pro references, said on their fields. */
const REFERENCE_FIELDS = new Set(['engagementNumber', 'serviceCode']);
const REFERENCE_PROBLEMS: Record<string, string> = {
  engagement_number_required: 'book.references.engagementNumberMissing',
  service_code_required: 'book.references.serviceCodeMissing',
};

interface BookingFormProps {
  offering: Offering;
  organisations: Profile['organisations'];
  organisationId: string;
  onOrganisationChange: (organisationId: string) => void;
  /** The session or slot to preselect (from the offering page's link). */
  initialTargetId: string | null;
  onBooked: (booking: Booking) => void;
  /** The organisation's Chorus Pro structure when it is a public body: the references it requires. */
  chorusStructure?: ChorusRequirements | null;
}

/** Where an api problem shows: beside the choice it is about, on the fields, or above the form. */
function problemPlace(
  problem: Problem | null,
  apiFields: Record<string, string>,
): 'target' | 'attendees' | 'fields' | 'unpaid' | 'top' | null {
  if (!problem) return null;
  // About the member's other bookings, not this form's fields: said above the form.
  if (problem.code === 'unpaid_places_limit') return 'unpaid';
  if (SESSION_PROBLEMS.has(problem.code)) return 'target';
  if (ATTENDEE_PROBLEMS.has(problem.code) || apiFields.attendees) return 'attendees';
  if (problem.errors?.some((error) => error.field.startsWith('attendees.'))) return 'fields';
  if (problem.errors?.some((error) => REFERENCE_FIELDS.has(error.field))) return 'fields';
  return 'top';
}

function targetsOf(offering: Offering): Target[] {
  return offering.kind === 'consultation'
    ? offering.freeSlots.map((slot) => ({ kind: 'slot', slot }))
    : offering.upcomingSessions
        .filter((session) => session.status === 'scheduled')
        .map((session) => ({ kind: 'session', session }));
}

function targetId(target: Target): string {
  return target.kind === 'session' ? target.session.id : target.slot.id;
}

let nextRowKey = 1;
const emptyRow = (): AttendeeRow => ({ key: nextRowKey++, name: '', email: '' });

/** Session or slot, organisation, attendees and the price; then one POST /api/bookings. */
export function BookingForm({
  offering,
  organisations,
  organisationId,
  onOrganisationChange,
  initialTargetId,
  onBooked,
  chorusStructure,
}: BookingFormProps) {
  const { t, i18n } = useTranslation('member');
  const targets = targetsOf(offering);
  const [chosenId, setChosenId] = useState<string | null>(
    targets.find((target) => targetId(target) === initialTargetId)
      ? initialTargetId
      : ((targets[0] && targetId(targets[0])) ?? null),
  );
  const [rows, setRows] = useState<AttendeeRow[]>(() => [emptyRow()]);
  const [checked, setChecked] = useState(false);
  const [references, setReferences] = useState<ReferenceValues>({
    engagementNumber: '',
    serviceCode: '',
  });
  const asked = referencesAsked(chorusStructure);
  const attempts = useRef(new AttemptKeys());
  const addButton = useRef<HTMLButtonElement>(null);

  const book = useBook(onBooked);

  const target = targets.find((each) => targetId(each) === chosenId) ?? null;
  if (!target) {
    return (
      <p className="alert" role="status">
        {offering.kind === 'consultation' ? t('book.noSlot') : t('book.noSession')}
      </p>
    );
  }

  const limit = seatLimit(offering, target);
  const price = (target.kind === 'session' ? target.session : target.slot).price;
  const estimate = estimatePrice(
    price.unitPriceCents,
    rows.length,
    offering.vatTreatment,
    price.memberPrice,
  );
  const problem = book.error instanceof ApiProblem ? book.error.problem : null;
  const apiFields =
    book.error instanceof ApiProblem && problem?.code !== 'unpaid_places_limit'
      ? book.error.fieldErrors()
      : {};
  const fields = { ...(checked ? validateAttendees(rows, limit.max) : {}), ...apiFields };
  const placedAt = problemPlace(problem, apiFields);
  const listProblem = attendeesProblem(fields.attendees);
  const missingReferences = checked ? referenceProblems(chorusStructure, references) : {};

  /** The worded error of a reference field: missing (form or api), or the api's on its format. */
  function referenceError(field: keyof ReferenceValues): { errorText?: string; error?: string } {
    const missing = missingReferences[field];
    if (missing) return { errorText: t(missing) };
    const fromApi = apiFields[field];
    if (!fromApi) return {};
    const code = problem ? REFERENCE_PROBLEMS[problem.code] : undefined;
    return /required/.test(fromApi) && code
      ? { errorText: t(`book.references.${field}Missing`) }
      : { error: fromApi };
  }

  function problemText(): string {
    if (!problem) return '';
    return t(`book.problem.${problem.code}`, {
      defaultValue: t(`problem.code.${problem.code}`, {
        ns: 'common',
        defaultValue: t('problem.status.422', { ns: 'common' }),
      }),
      max: offering.maxSeatsPerOrganisation,
    });
  }

  function updateRow(key: number, change: Partial<AttendeeRow>) {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (book.isPending || !target) return;
    setChecked(true);
    if (Object.keys(validateAttendees(rows, limit.max)).length > 0) return;
    if (Object.keys(referenceProblems(chorusStructure, references)).length > 0) return;
    const body = bookingBody(organisationId, target, rows, references);
    book.mutate({ body, key: attempts.current.keyFor(body) });
  }

  const describeTarget = (each: Target) => {
    const when = formatDateTime(
      each.kind === 'session' ? each.session.startsAt : each.slot.startsAt,
      i18n.language,
    );
    if (each.kind === 'slot') return when;
    const where = each.session.location ?? t('book.remote');
    const seats =
      each.session.seatsLeft > 0
        ? t('book.seatsLeft', { count: each.session.seatsLeft })
        : t('book.full');
    return `${when} · ${where} · ${seats}`;
  };

  return (
    <form onSubmit={submit} noValidate className="stack">
      {placedAt === 'top' ? <ProblemAlert error={book.error} /> : null}
      {placedAt === 'unpaid' && problem ? <UnpaidPlacesProblem problem={problem} /> : null}

      {organisations.length > 1 ? (
        <Field label={t('book.organisation')} hint={t('book.organisationHint')}>
          {(control) => (
            <select
              {...control}
              value={organisationId}
              onChange={(event) => onOrganisationChange(event.target.value)}
            >
              {organisations.map((organisation) => (
                <option key={organisation.id} value={organisation.id}>
                  {organisation.legalName}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}

      <fieldset>
        <legend>
          {target.kind === 'session' ? t('book.chooseSession') : t('book.chooseSlot')}
        </legend>
        {targets.map((each) => {
          const id = `target-${targetId(each)}`;
          return (
            <div className="choice" key={id}>
              <input
                type="radio"
                id={id}
                name="target"
                value={targetId(each)}
                checked={chosenId === targetId(each)}
                onChange={() => setChosenId(targetId(each))}
              />
              <label htmlFor={id}>{describeTarget(each)}</label>
            </div>
          );
        })}
        {placedAt === 'target' ? (
          <p className="field-error" role="alert">
            {problemText()}
          </p>
        ) : null}
      </fieldset>

      {limit.waitlist ? (
        <p className="alert" role="status">
          {t('book.waitlistNotice')}
        </p>
      ) : null}

      <fieldset>
        <legend>{t('book.attendees.legend')}</legend>
        <p className="hint" id="attendees-limit">
          {t(`book.limit.${limit.reason}`, { count: limit.max })}
        </p>
        {rows.map((row, index) => (
          <div className="attendee-row" key={row.key}>
            <Field
              label={t('book.attendees.name', { number: index + 1 })}
              error={fields[`attendees.${index}.name`]}
            >
              {(control) => (
                <input
                  {...control}
                  autoComplete="off"
                  value={row.name}
                  onChange={(event) => updateRow(row.key, { name: event.target.value })}
                />
              )}
            </Field>
            <Field
              label={t('book.attendees.email', { number: index + 1 })}
              error={fields[`attendees.${index}.email`]}
            >
              {(control) => (
                <input
                  {...control}
                  type="email"
                  autoComplete="off"
                  value={row.email}
                  onChange={(event) => updateRow(row.key, { email: event.target.value })}
                />
              )}
            </Field>
            {rows.length > 1 ? (
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => {
                  setRows((current) => current.filter((each) => each.key !== row.key));
                  addButton.current?.focus();
                }}
              >
                {t('book.attendees.remove', { number: index + 1 })}
              </button>
            ) : null}
          </div>
        ))}
        <button
          ref={addButton}
          type="button"
          className="button button-secondary"
          disabled={rows.length >= limit.max}
          aria-describedby="attendees-limit"
          onClick={() => setRows((current) => [...current, emptyRow()])}
        >
          {t('book.attendees.add')}
        </button>
        {listProblem ? (
          <p className="field-error" role="alert">
            {t(listProblem.key, { count: listProblem.count ?? limit.max })}
          </p>
        ) : placedAt === 'attendees' ? (
          <p className="field-error" role="alert">
            {problemText()}
          </p>
        ) : null}
      </fieldset>

      {asked.engagementNumber || asked.serviceCode ? (
        <fieldset>
          <legend>{t('book.references.legend')}</legend>
          <p className="hint">{t('book.references.intro')}</p>
          {asked.engagementNumber ? (
            <Field
              label={t('book.references.engagementNumber')}
              hint={t('book.references.engagementNumberHint')}
              {...referenceError('engagementNumber')}
            >
              {(control) => (
                <input
                  {...control}
                  required
                  maxLength={50}
                  autoComplete="off"
                  value={references.engagementNumber}
                  onChange={(event) =>
                    setReferences({ ...references, engagementNumber: event.target.value })
                  }
                />
              )}
            </Field>
          ) : null}
          {asked.serviceCode ? (
            <Field
              label={t('book.references.serviceCode')}
              hint={
                chorusStructure?.defaultServiceCode
                  ? t('book.references.serviceCodeDefault', {
                      code: chorusStructure.defaultServiceCode,
                    })
                  : t('book.references.serviceCodeHint')
              }
              {...referenceError('serviceCode')}
            >
              {(control) => (
                <input
                  {...control}
                  required={!chorusStructure?.defaultServiceCode}
                  maxLength={100}
                  autoComplete="off"
                  value={references.serviceCode}
                  onChange={(event) =>
                    setReferences({ ...references, serviceCode: event.target.value })
                  }
                />
              )}
            </Field>
          ) : null}
        </fieldset>
      ) : null}

      <section aria-labelledby="price-heading" className="card">
        <h2 id="price-heading">{t('book.priceHeading')}</h2>
        <MembershipNotice
          organisationId={organisationId}
          serviceStartsAt={
            target.kind === 'session' ? target.session.startsAt : target.slot.startsAt
          }
          memberPrice={price.memberPrice}
        />
        <PriceDisplay
          price={estimate}
          memberPrice={price.memberPrice}
          vatTreatment={estimate.vatTreatment}
          live
        />
        <p className="muted">
          {price.memberPrice ? t('book.memberPriceWhy') : t('book.nonMemberPriceWhy')}
        </p>
      </section>

      <button type="submit" className="button" disabled={book.isPending}>
        {book.isPending ? (
          t('book.booking')
        ) : (
          <>
            {t('book.submit')} · <Money cents={estimate.totalInclVatCents} />
          </>
        )}
      </button>
      {book.isPending ? (
        <p className="visually-hidden" role="status">
          {t('book.booking')}
        </p>
      ) : null}
    </form>
  );
}
