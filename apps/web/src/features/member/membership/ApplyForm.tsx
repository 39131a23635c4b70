import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../api/problem';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { parseEuros } from '../../../lib/format';
import { centsToEuroInput } from '../../admin/membership';
import { applicationRequest, type ApplyErrors, type ApplyForm as Form } from './apply-form';
import { bracketLabel } from './bracket';
import { applicableYears, parisToday, previewFee } from './membership';
import { useApply, useCharter, useFeeSchedule } from './membership-queries';
import { MEMBER_FAMILIES, type MemberFamily, type MembershipApplication } from './types';

/**
 * « Adhérer / Renouveler »: the organisation's profile (family and size), a contact, the
 * Chambre's current charter to accept, and the fee the grid gives before sending.
 */
export function ApplyForm({
  organisationId,
  joining,
  previous,
  onApplied,
}: {
  organisationId: string;
  /** The latest application: its profile and contact start the form (a renewal changes little). */
  previous?: MembershipApplication;
  /** No year was ever active: a first adhésion (first-year fee, pro rata). */
  joining: boolean;
  onApplied: (application: MembershipApplication) => void;
}) {
  const { t, i18n } = useTranslation('membership');
  const today = parisToday();
  const years = applicableYears(today);
  const [form, setForm] = useState<Form>({
    year: years[years.length - 1],
    family: previous?.family ?? '',
    headcount: previous?.headcount == null ? '' : String(previous.headcount),
    budget: previous?.annualBudgetCents == null ? '' : centsToEuroInput(previous.annualBudgetCents),
    contactName: previous?.contactName ?? '',
    contactEmail: previous?.contactEmail ?? '',
    // The charter is accepted anew each time: never ticked in advance.
    acceptCharter: false,
  });
  const [errors, setErrors] = useState<ApplyErrors>({});
  const charter = useCharter();
  const schedule = useFeeSchedule(form.year);
  const apply = useApply(organisationId, onApplied);
  const apiErrors = apply.error instanceof ApiProblem ? apply.error.fieldErrors() : {};
  const errorText = (field: keyof ApplyErrors) =>
    errors[field] ? t(`apply.errors.${errors[field]}`) : undefined;

  const headcount = /^\d+$/.test(form.headcount.trim()) ? Number(form.headcount.trim()) : null;
  const budget = form.budget.trim() ? parseEuros(form.budget) : null;
  const preview =
    schedule.data && form.family && (headcount !== null || budget !== null)
      ? previewFee(
          schedule.data,
          { family: form.family, headcount, annualBudgetCents: budget },
          { joining, today, year: form.year },
        )
      : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!charter.data || apply.isPending) return;
    const request = applicationRequest(form, charter.data.version);
    if (!request.ok) {
      setErrors(request.errors);
      return;
    }
    setErrors({});
    apply.mutate(request.body);
  }

  const invalid = Object.keys(errors).length > 0;
  // No charter published yet is the Chambre's state, not a failure of the page: said plainly.
  const charterMissing =
    charter.error instanceof ApiProblem &&
    (charter.error.problem.code === 'membership_charter_missing' ||
      charter.error.problem.status === 404);

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="apply-heading">
      <h2 id="apply-heading">{t('apply.heading')}</h2>
      <p>{t('apply.intro')}</p>
      <div role="alert">
        {invalid ? <p className="alert alert-error">{t('apply.errors.summary')}</p> : null}
      </div>
      <ProblemAlert ns="membership" error={apply.error} />

      {years.length > 1 ? (
        <Field label={t('apply.year')} error={apiErrors.year}>
          {(control) => (
            <select
              {...control}
              value={form.year}
              onChange={(event) => setForm({ ...form, year: Number(event.target.value) })}
            >
              {years.map((year) => (
                <option key={year} value={year}>
                  {year}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <p>{t('apply.yearFixed', { year: form.year })}</p>
      )}

      <Field label={t('apply.family')} error={apiErrors.family} errorText={errorText('family')}>
        {(control) => (
          <select
            {...control}
            required
            value={form.family}
            onChange={(event) => setForm({ ...form, family: event.target.value as MemberFamily })}
          >
            <option value="">{t('apply.chooseFamily')}</option>
            {MEMBER_FAMILIES.map((family) => (
              <option key={family} value={family}>
                {t(`family.${family}`)}
              </option>
            ))}
          </select>
        )}
      </Field>

      <fieldset>
        <legend>{t('apply.size')}</legend>
        <p className="hint">{t('apply.sizeHint')}</p>
        <Field
          label={t('apply.headcount')}
          error={apiErrors.headcount}
          errorText={errorText('headcount')}
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={form.headcount}
              onChange={(event) => setForm({ ...form, headcount: event.target.value })}
            />
          )}
        </Field>
        <Field
          label={t('apply.budget')}
          hint={t('apply.budgetHint')}
          error={apiErrors.annualBudgetCents}
          errorText={errorText('annualBudgetCents')}
        >
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              value={form.budget}
              onChange={(event) => setForm({ ...form, budget: event.target.value })}
            />
          )}
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('apply.contact')}</legend>
        <Field
          label={t('apply.contactName')}
          error={apiErrors.contactName}
          errorText={errorText('contactName')}
        >
          {(control) => (
            <input
              {...control}
              required
              autoComplete="name"
              value={form.contactName}
              onChange={(event) => setForm({ ...form, contactName: event.target.value })}
            />
          )}
        </Field>
        <Field
          label={t('apply.contactEmail')}
          error={apiErrors.contactEmail}
          errorText={errorText('contactEmail')}
        >
          {(control) => (
            <input
              {...control}
              required
              type="email"
              autoComplete="email"
              value={form.contactEmail}
              onChange={(event) => setForm({ ...form, contactEmail: event.target.value })}
            />
          )}
        </Field>
      </fieldset>

      <section aria-labelledby="fee-heading" className="card">
        <h3 id="fee-heading">{t('apply.feeHeading', { year: form.year })}</h3>
        {schedule.isPending ? <Loading /> : null}
        {schedule.isError ? <p>{t('apply.noSchedule', { year: form.year })}</p> : null}
        {schedule.data && !preview ? <p>{t('apply.feeNeedsProfile')}</p> : null}
        {preview && form.family ? (
          <div aria-live="polite">
            {preview.rate ? (
              <p>
                {t('apply.feeLine', {
                  family: t(`family.${form.family}`),
                  bracket: bracketLabel(preview.rate, t, i18n.language),
                })}{' '}
                <Money cents={preview.gridCents} />
              </p>
            ) : null}
            {preview.firstYear ? (
              <p>
                {t('apply.firstYear')} <Money cents={preview.gridCents} />
              </p>
            ) : null}
            {preview.prorataMonths !== null ? (
              <p>{t('apply.prorata', { count: preview.prorataMonths })}</p>
            ) : null}
            <p>
              <strong>
                {t('apply.feeEstimate')} <Money cents={preview.amountCents} />
              </strong>
            </p>
            <p className="muted">
              {schedule.data?.vatMention ? `${schedule.data.vatMention}. ` : ''}
              {t('apply.feeIndicative')}
            </p>
          </div>
        ) : null}
        {schedule.data && form.family && !preview && (headcount !== null || budget !== null) ? (
          <p>{t('apply.noBracket')}</p>
        ) : null}
      </section>

      <section aria-labelledby="charter-heading" className="card stack">
        {charter.isPending ? <Loading /> : null}
        {charterMissing ? null : <ProblemAlert ns="membership" error={charter.error} />}
        {charter.data ? (
          <>
            <h3 id="charter-heading">
              {t('apply.charterHeading', {
                title: charter.data.title,
                version: charter.data.version,
              })}
            </h3>
            <div className="charter-text" role="region" aria-label={t('apply.charterText')}>
              {charter.data.body.split(/\n{2,}/).map((paragraph, index) => (
                <p key={index}>{paragraph}</p>
              ))}
            </div>
            <div className="choice">
              <input
                type="checkbox"
                id="accept-charter"
                required
                checked={form.acceptCharter}
                aria-invalid={Boolean(errors.acceptCharter)}
                aria-describedby={errors.acceptCharter ? 'accept-charter-error' : undefined}
                onChange={(event) => setForm({ ...form, acceptCharter: event.target.checked })}
              />
              <label htmlFor="accept-charter">
                {t('apply.accept', { version: charter.data.version })}
              </label>
              {errors.acceptCharter ? (
                <p className="field-error" id="accept-charter-error">
                  {t(`apply.errors.${errors.acceptCharter}`)}
                </p>
              ) : null}
            </div>
          </>
        ) : (
          <>
            <h3 id="charter-heading">{t('apply.charterHeadingLoading')}</h3>
            {charterMissing ? <p>{t('problem.code.membership_charter_missing')}</p> : null}
          </>
        )}
      </section>

      <button type="submit" className="button" disabled={apply.isPending || !charter.data}>
        {apply.isPending ? t('apply.sending') : t('apply.submit')}
      </button>
    </form>
  );
}
