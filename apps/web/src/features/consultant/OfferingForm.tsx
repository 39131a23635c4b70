import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiProblem } from '../../api/problem';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { GroupError } from './GroupError';
import {
  DELIVERY_MODES,
  formToOfferingInput,
  MAX_TIERS,
  OFFERING_KINDS,
  PACA_DEPARTMENTS,
  type FieldErrors,
  type OfferingFormValues,
  type TierValues,
} from './offering-form';
import { useCategories } from './consultant-queries';
import './consultant.css';
import { VatRegimeText } from '../../components/VatRegime';
import type { OfferingInput, VatTreatment } from './types';
import { PedagogyFields } from '../training/programme/PedagogyFields';

interface OfferingFormProps {
  initial: OfferingFormValues;
  /** Read-only when the offering cannot be edited in its status (or by this user). */
  readOnly?: boolean;
  /** The api lets the kind change only while the offering is a draft. */
  kindLocked?: boolean;
  /**
   * The VAT regime the Chambre set (shown, never edited here: the Chambre decides it); none yet
   * for a new offering, which takes the Chambre's default for its kind.
   */
  vatTreatment?: VatTreatment;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (input: OfferingInput) => void;
}

/** Every field of an offering, with the api's field errors next to each. */
export function OfferingForm({
  initial,
  readOnly = false,
  kindLocked = false,
  vatTreatment,
  submitLabel,
  busy,
  error,
  onSubmit,
}: OfferingFormProps) {
  const { t, i18n } = useTranslation('consultant');
  const categories = useCategories();
  const [values, setValues] = useState(initial);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const ids = useId();
  const apiErrors = error instanceof ApiProblem ? error.fieldErrors() : {};
  const errors: FieldErrors = { ...apiErrors, ...localErrors };
  const set = <K extends keyof OfferingFormValues>(key: K, value: OfferingFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const setTier = (index: number, key: keyof TierValues, value: string) =>
    set(
      'tiers',
      values.tiers.map((tier, at) => (at === index ? { ...tier, [key]: value } : tier)),
    );

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = formToOfferingInput(values);
    if (result.errors) {
      setLocalErrors(result.errors);
      return;
    }
    setLocalErrors({});
    onSubmit(result.input);
  }

  const departmentsErrorId = `${ids}-departments-error`;
  const tiersErrorId = `${ids}-tiers-error`;
  return (
    <form className="consultant-form" onSubmit={submit} noValidate>
      {Object.keys(localErrors).length > 0 ? (
        <p className="alert alert-error" role="alert">
          {t('common:problem.fieldsInvalid')}
        </p>
      ) : (
        <ProblemAlert ns="consultant" error={error} />
      )}
      <fieldset disabled={readOnly || busy} className="consultant-plain">
        <legend className="visually-hidden">{t('form.legend')}</legend>
        <Field label={t('form.title')} error={errors.title}>
          {(control) => (
            <input
              {...control}
              required
              maxLength={200}
              value={values.title}
              onChange={(event) => set('title', event.target.value)}
            />
          )}
        </Field>
        <Field label={t('form.summary')} hint={t('form.summaryHint')} error={errors.summary}>
          {(control) => (
            <textarea
              {...control}
              required
              maxLength={500}
              rows={3}
              value={values.summary}
              onChange={(event) => set('summary', event.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('form.description')}
          hint={t('form.descriptionHint')}
          error={errors.description}
        >
          {(control) => (
            <textarea
              {...control}
              rows={10}
              value={values.description}
              onChange={(event) => set('description', event.target.value)}
            />
          )}
        </Field>
        <Field label={t('form.category')} error={errors.categorySlug}>
          {(control) => (
            <select
              {...control}
              required
              value={values.categorySlug}
              onChange={(event) => set('categorySlug', event.target.value)}
            >
              <option value="">{t('form.chooseCategory')}</option>
              {(categories.data ?? []).map((category) => (
                <option key={category.slug} value={category.slug}>
                  {i18n.language.startsWith('en') ? category.labelEn : category.labelFr}
                </option>
              ))}
            </select>
          )}
        </Field>
        {categories.isPending ? (
          <Loading />
        ) : (
          <ProblemAlert ns="consultant" error={categories.error} />
        )}
        <Field
          label={t('form.kind')}
          hint={kindLocked ? t('form.kindLocked') : undefined}
          error={errors.kind}
        >
          {(control) => (
            <select
              {...control}
              disabled={kindLocked}
              value={values.kind}
              onChange={(event) => set('kind', event.target.value as OfferingFormValues['kind'])}
            >
              {OFFERING_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kind.${kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('form.deliveryMode')} error={errors.deliveryMode}>
          {(control) => (
            <select
              {...control}
              value={values.deliveryMode}
              onChange={(event) =>
                set('deliveryMode', event.target.value as OfferingFormValues['deliveryMode'])
              }
            >
              {DELIVERY_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`deliveryMode.${mode}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset
          aria-describedby={errors.departments ? departmentsErrorId : undefined}
          className={errors.departments ? 'field-invalid' : undefined}
        >
          <legend>{t('form.departments')}</legend>
          <div className="consultant-checks">
            {PACA_DEPARTMENTS.map((code) => (
              <label key={code} className="consultant-check">
                <input
                  type="checkbox"
                  checked={values.departments.includes(code)}
                  onChange={(event) =>
                    set(
                      'departments',
                      event.target.checked
                        ? [...values.departments, code]
                        : values.departments.filter((department) => department !== code),
                    )
                  }
                />{' '}
                {t('department', { code, name: t(`departments.${code}`) })}
              </label>
            ))}
          </div>
          <GroupError id={departmentsErrorId} error={errors.departments} />
        </fieldset>
        <Field
          label={t('form.durationMinutes')}
          hint={t('form.durationHint')}
          error={errors.durationMinutes}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={15}
              step={15}
              required
              value={values.durationMinutes}
              onChange={(event) => set('durationMinutes', event.target.value)}
            />
          )}
        </Field>
        <div className="consultant-columns">
          <Field
            label={t('form.memberPrice')}
            hint={t('form.priceHint')}
            error={errors.memberPriceCents}
          >
            {(control) => (
              <input
                {...control}
                inputMode="decimal"
                required
                value={values.memberPrice}
                onChange={(event) => set('memberPrice', event.target.value)}
              />
            )}
          </Field>
          <Field
            label={t('form.nonMemberPrice')}
            hint={t('form.priceHint')}
            error={errors.nonMemberPriceCents}
          >
            {(control) => (
              <input
                {...control}
                inputMode="decimal"
                required
                value={values.nonMemberPrice}
                onChange={(event) => set('nonMemberPrice', event.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="field">
          <dl className="facts">
            <dt>{t('form.vatTreatment')}</dt>
            <dd>{vatTreatment ? <VatRegimeText code={vatTreatment} /> : t('form.vatDefault')}</dd>
          </dl>
          <p className="hint">{t('form.vatByChambre')}</p>
        </div>
        <fieldset
          aria-describedby={`${ids}-tiers-hint${errors['cancellationPolicy.tiers'] ? ` ${tiersErrorId}` : ''}`}
        >
          <legend>{t('form.cancellationPolicy')}</legend>
          <p className="hint" id={`${ids}-tiers-hint`}>
            {t('form.tiersHint')}
          </p>
          {values.tiers.map((tier, index) => (
            <div key={index} className="consultant-tier">
              <Field
                label={t('form.tierDays', { n: index + 1 })}
                error={errors[`cancellationPolicy.tiers.${index}.daysBefore`]}
              >
                {(control) => (
                  <input
                    {...control}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={365}
                    value={tier.daysBefore}
                    onChange={(event) => setTier(index, 'daysBefore', event.target.value)}
                  />
                )}
              </Field>
              <Field
                label={t('form.tierPercent', { n: index + 1 })}
                error={errors[`cancellationPolicy.tiers.${index}.refundPercent`]}
              >
                {(control) => (
                  <input
                    {...control}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={100}
                    value={tier.refundPercent}
                    onChange={(event) => setTier(index, 'refundPercent', event.target.value)}
                  />
                )}
              </Field>
              {readOnly ? null : (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() =>
                    set(
                      'tiers',
                      values.tiers.filter((_, at) => at !== index),
                    )
                  }
                >
                  {t('form.removeTier', { n: index + 1 })}
                </button>
              )}
            </div>
          ))}
          {values.tiers.length === 0 ? <p className="muted">{t('form.noRefund')}</p> : null}
          <GroupError id={tiersErrorId} error={errors['cancellationPolicy.tiers']} />
          {readOnly ? null : (
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={values.tiers.length >= MAX_TIERS}
              onClick={() => set('tiers', [...values.tiers, { daysBefore: '', refundPercent: '' }])}
            >
              {t('form.addTier')}
            </button>
          )}
        </fieldset>
        <Field
          label={t('form.maxSeatsPerOrganisation')}
          hint={t('form.maxSeatsHint')}
          error={errors.maxSeatsPerOrganisation}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={1}
              value={values.maxSeatsPerOrganisation}
              onChange={(event) => set('maxSeatsPerOrganisation', event.target.value)}
            />
          )}
        </Field>
        {values.kind === 'training' ? (
          <PedagogyFields
            values={values.pedagogy}
            errors={errors}
            readOnly={readOnly}
            onChange={(pedagogy) => set('pedagogy', pedagogy)}
          />
        ) : null}
        {readOnly ? null : (
          <button type="submit" className="button">
            {busy ? t('common:status.saving') : submitLabel}
          </button>
        )}
      </fieldset>
    </form>
  );
}
