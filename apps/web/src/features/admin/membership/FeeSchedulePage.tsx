import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiProblem } from '../../../api/problem';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { fieldMessage } from '../../../lib/problem-text';
import { FEE_BASES, MEMBER_FAMILIES } from '../../member/membership/types';
import { membershipYear } from '../membership';
import { StatusMessage } from '../StatusMessage';
import {
  emptyRate,
  feeScheduleRequest,
  formFromSchedule,
  type FeeScheduleErrors,
  type FeeScheduleForm,
  type RateRow,
} from './fee-schedule-form';
import { useAdminFeeSchedule, useSaveFeeSchedule } from './membership-admin-queries';
import { MembershipNav } from './MembershipNav';
import type { FeeBasis, FeeSchedule, MemberFamily } from './types';

/** `/admin/membership/fees?year=`: the year's grid of cotisations and its settings. */
export function FeeSchedulePage() {
  const { t } = useTranslation('membership');
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || membershipYear(new Date()) + 1;
  const schedule = useAdminFeeSchedule(year);

  return (
    <section className="stack">
      <MembershipNav />
      <PageTitle>{t('fees.title', { year })}</PageTitle>
      <div className="narrow">
        <Field label={t('fees.year')}>
          {(control) => (
            <select
              {...control}
              value={year}
              onChange={(event) => setParams({ year: event.target.value })}
            >
              {[-1, 0, 1, 2].map((offset) => {
                const each = membershipYear(new Date()) + offset;
                return (
                  <option key={each} value={each}>
                    {each}
                  </option>
                );
              })}
            </select>
          )}
        </Field>
      </div>
      {schedule.isPending ? <Loading /> : null}
      <ProblemAlert ns="membership" error={schedule.error} />
      {schedule.isSuccess ? (
        <FeeScheduleEditor key={year} year={year} schedule={schedule.data} />
      ) : null}
    </section>
  );
}

function FeeScheduleEditor({ year, schedule }: { year: number; schedule: FeeSchedule | null }) {
  const { t } = useTranslation('membership');
  const { t: tCommon } = useTranslation();
  const [form, setForm] = useState<FeeScheduleForm>(() => formFromSchedule(schedule));
  const [local, setLocal] = useState<FeeScheduleErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<FeeSchedule | null>(schedule);
  const addButton = useRef<HTMLButtonElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const save = useSaveFeeSchedule(year, (answer) => {
    setSaved(answer);
    setMessage(t('fees.saved', { year }));
  });

  // Field errors: ours (worded by key), then the api's 422 `errors` (worded by rule).
  const remote = save.error instanceof ApiProblem ? save.error.fieldErrors() : {};
  const errors: Record<string, string> = {};
  for (const [field, text] of Object.entries(remote)) errors[field] = fieldMessage(text, tCommon);
  for (const [field, key] of Object.entries(local)) errors[field] = t(`fees.errors.${key}`);
  const hasErrors = Object.keys(errors).length > 0;

  useEffect(() => {
    if (hasErrors) summary.current?.focus();
  }, [hasErrors, save.error, local]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const request = feeScheduleRequest(form, year);
    if (!request.ok) {
      setLocal(request.errors);
      return;
    }
    setLocal({});
    save.mutate(request.body);
  }

  function updateRate(key: number, change: Partial<RateRow>) {
    setForm((current) => ({
      ...current,
      rates: current.rates.map((row) => (row.key === key ? { ...row, ...change } : row)),
    }));
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      {schedule ? null : <p className="alert">{t('fees.none', { year })}</p>}
      <StatusMessage message={message} />
      <div ref={summary} tabIndex={-1} role={hasErrors ? 'alert' : undefined}>
        {hasErrors ? (
          <div className="alert alert-error">
            <p className="alert-title">{t('fees.errors.summary')}</p>
            {errors.rates ? <p>{errors.rates}</p> : null}
          </div>
        ) : null}
      </div>
      {save.error && !(save.error instanceof ApiProblem && save.error.problem.errors?.length) ? (
        <ProblemAlert ns="membership" error={save.error} />
      ) : null}

      <fieldset>
        <legend>{t('fees.vat.legend')}</legend>
        {(['out_of_scope', 'taxable'] as const).map((treatment) => (
          <div className="choice" key={treatment}>
            <input
              type="radio"
              id={`vat-${treatment}`}
              name="vatTreatment"
              value={treatment}
              checked={form.vatTreatment === treatment}
              onChange={() => setForm({ ...form, vatTreatment: treatment })}
              aria-describedby={`vat-${treatment}-hint`}
            />
            <label htmlFor={`vat-${treatment}`}>{t(`fees.vat.${treatment}`)}</label>
            <p className="hint" id={`vat-${treatment}-hint`}>
              {t(`fees.vat.${treatment}Mention`)}
            </p>
          </div>
        ))}
        {saved?.vatMention ? (
          <p>
            {t('fees.vat.printed')} <q>{saved.vatMention}</q>
          </p>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>{t('fees.settings')}</legend>
        <Field
          label={t('fees.firstYearFee')}
          hint={t('fees.firstYearFeeHint')}
          errorText={errors.firstYearFeeCents}
        >
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              value={form.firstYearFee}
              onChange={(event) => setForm({ ...form, firstYearFee: event.target.value })}
            />
          )}
        </Field>
        <Field
          label={t('fees.prorataFrom')}
          hint={t('fees.prorataFromHint')}
          errorText={errors.prorataFrom}
        >
          {(control) => (
            <input
              {...control}
              type="date"
              min={`${year}-01-01`}
              max={`${year}-12-31`}
              value={form.prorataFrom}
              onChange={(event) => setForm({ ...form, prorataFrom: event.target.value })}
            />
          )}
        </Field>
        <Field
          label={t('fees.graceUntil')}
          hint={t('fees.graceUntilHint')}
          errorText={errors.graceUntil}
        >
          {(control) => (
            <input
              {...control}
              type="date"
              value={form.graceUntil}
              onChange={(event) => setForm({ ...form, graceUntil: event.target.value })}
            />
          )}
        </Field>
        <Field
          label={t('fees.reminderDays')}
          hint={t('fees.reminderDaysHint')}
          errorText={errors.reminderDays}
        >
          {(control) => (
            <input
              {...control}
              value={form.reminderDays}
              onChange={(event) => setForm({ ...form, reminderDays: event.target.value })}
            />
          )}
        </Field>
        <Field
          label={t('fees.finalNoticeDays')}
          hint={t('fees.finalNoticeDaysHint')}
          errorText={errors.finalNoticeDays}
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={form.finalNoticeDays}
              onChange={(event) => setForm({ ...form, finalNoticeDays: event.target.value })}
            />
          )}
        </Field>
        <div className="choice">
          <input
            type="checkbox"
            id="public-bodies-active"
            checked={form.publicBodiesActiveOnApproval}
            onChange={(event) =>
              setForm({ ...form, publicBodiesActiveOnApproval: event.target.checked })
            }
          />
          <label htmlFor="public-bodies-active">{t('fees.publicBodiesActiveOnApproval')}</label>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('fees.rates.legend')}</legend>
        <p className="hint">{t('fees.rates.hint')}</p>
        <div className="table-wrap rates-table">
          <table>
            <caption className="visually-hidden">{t('fees.rates.legend')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fees.rates.family')}</th>
                <th scope="col">{t('fees.rates.basis')}</th>
                <th scope="col">{t('fees.rates.lower')}</th>
                <th scope="col">{t('fees.rates.upper')}</th>
                <th scope="col">{t('fees.rates.amount')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('fees.rates.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {form.rates.map((row, index) => {
                const n = index + 1;
                const error = (name: string) => errors[`rates.${index}.${name}`];
                return (
                  <tr key={row.key}>
                    <td>
                      <CellControl id={`rate-${row.key}-family`} error={error('family')}>
                        {(props) => (
                          <select
                            {...props}
                            aria-label={t('fees.rates.familyOf', { n })}
                            value={row.family}
                            onChange={(event) =>
                              updateRate(row.key, { family: event.target.value as MemberFamily })
                            }
                          >
                            {MEMBER_FAMILIES.map((family) => (
                              <option key={family} value={family}>
                                {t(`family.${family}`)}
                              </option>
                            ))}
                          </select>
                        )}
                      </CellControl>
                    </td>
                    <td>
                      <CellControl id={`rate-${row.key}-basis`} error={error('basis')}>
                        {(props) => (
                          <select
                            {...props}
                            aria-label={t('fees.rates.basisOf', { n })}
                            value={row.basis}
                            onChange={(event) =>
                              updateRate(row.key, { basis: event.target.value as FeeBasis })
                            }
                          >
                            {FEE_BASES.map((basis) => (
                              <option key={basis} value={basis}>
                                {t(`fees.rates.bases.${basis}`)}
                              </option>
                            ))}
                          </select>
                        )}
                      </CellControl>
                    </td>
                    <td>
                      <CellControl id={`rate-${row.key}-lower`} error={error('lowerBound')}>
                        {(props) => (
                          <input
                            {...props}
                            inputMode={row.basis === 'budget' ? 'decimal' : 'numeric'}
                            aria-label={t(`fees.rates.lowerOf.${row.basis}`, { n })}
                            value={row.lower}
                            onChange={(event) => updateRate(row.key, { lower: event.target.value })}
                          />
                        )}
                      </CellControl>
                    </td>
                    <td>
                      <CellControl id={`rate-${row.key}-upper`} error={error('upperBound')}>
                        {(props) => (
                          <input
                            {...props}
                            inputMode={row.basis === 'budget' ? 'decimal' : 'numeric'}
                            aria-label={t(`fees.rates.upperOf.${row.basis}`, { n })}
                            placeholder={t('fees.rates.noUpper')}
                            value={row.upper}
                            onChange={(event) => updateRate(row.key, { upper: event.target.value })}
                          />
                        )}
                      </CellControl>
                    </td>
                    <td>
                      <CellControl id={`rate-${row.key}-amount`} error={error('amountCents')}>
                        {(props) => (
                          <input
                            {...props}
                            inputMode="decimal"
                            aria-label={t('fees.rates.amountOf', { n })}
                            value={row.amount}
                            onChange={(event) =>
                              updateRate(row.key, { amount: event.target.value })
                            }
                          />
                        )}
                      </CellControl>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        onClick={() => {
                          setForm((current) => ({
                            ...current,
                            rates: current.rates.filter((each) => each.key !== row.key),
                          }));
                          addButton.current?.focus();
                        }}
                      >
                        {t('fees.rates.remove', { n })}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <button
          ref={addButton}
          type="button"
          className="button button-secondary"
          onClick={() =>
            setForm((current) => ({
              ...current,
              rates: [...current.rates, emptyRate(current.rates.at(-1)?.family)],
            }))
          }
        >
          {t('fees.rates.add')}
        </button>
      </fieldset>

      <button type="submit" className="button" disabled={save.isPending}>
        {save.isPending ? t('fees.saving') : t('fees.save', { year })}
      </button>
    </form>
  );
}

/** A control in a table cell, labelled by aria-label, with its error tied to it. */
function CellControl({
  id,
  error,
  children,
}: {
  id: string;
  error: string | undefined;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}) {
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      {children({
        id,
        'aria-invalid': Boolean(error),
        'aria-describedby': error ? errorId : undefined,
      })}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
