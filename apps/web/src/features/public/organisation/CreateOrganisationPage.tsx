import { useState, type ComponentProps, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiProblem } from '../../../api/problem';
import { Field, type ControlProps } from '../../../components/Field';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { PACA_DEPARTMENTS, useDepartmentLabel } from '../labels';
import {
  asksForRna,
  createOrganisationBody,
  EMPTY_ORGANISATION_FORM,
  LEGAL_FORMS,
  type OrganisationForm,
  withLegalForm,
} from './organisation-form';
import { useCreateOrganisation } from '../public-queries';
import type { LegalForm } from '../types';

type TextField = Exclude<
  keyof OrganisationForm,
  'legalForm' | 'vatRegistered' | 'vatRegisteredChosen'
>;

/** `/organisation/new`: registers an organisation; its creator becomes its administrator. */
export function CreateOrganisationPage() {
  const { t } = useTranslation('public');
  const navigate = useNavigate();
  const departmentLabel = useDepartmentLabel();
  const [form, setForm] = useState(EMPTY_ORGANISATION_FORM);
  const create = useCreateOrganisation((organisation) =>
    navigate(`/organisation/${organisation.id}`, { state: { created: true } }),
  );
  const errors = create.error instanceof ApiProblem ? create.error.fieldErrors() : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(createOrganisationBody(form));
  }

  /** A text input bound to one field of the form, with its label, hint and api error. */
  function text(
    name: TextField,
    apiField: string,
    input: Omit<ComponentProps<'input'>, keyof ControlProps | 'value' | 'onChange'> = {},
    hint?: ReactNode,
  ) {
    return (
      <Field label={t(`organisation.fields.${name}`)} hint={hint} error={errors[apiField]}>
        {(control) => (
          <input
            {...control}
            type="text"
            {...input}
            value={form[name]}
            onChange={(event) => setForm({ ...form, [name]: event.target.value })}
          />
        )}
      </Field>
    );
  }

  return (
    <section className="narrow">
      <PageTitle>{t('organisation.create.title')}</PageTitle>
      <p>{t('organisation.create.intro')}</p>
      <ProblemAlert error={create.error} />
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('organisation.create.identity')}</legend>
          {text('legalName', 'legalName', { autoComplete: 'organization', required: true })}
          <Field label={t('organisation.fields.legalForm')} error={errors.legalForm}>
            {(control) => (
              <select
                {...control}
                value={form.legalForm}
                onChange={(event) => setForm(withLegalForm(form, event.target.value as LegalForm))}
              >
                {LEGAL_FORMS.map((legalForm) => (
                  <option key={legalForm} value={legalForm}>
                    {t(`legalForms.${legalForm}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text(
            'siret',
            'siret',
            // An association without a SIRET (no employees) registers with its RNA number.
            { inputMode: 'numeric', required: !asksForRna(form.legalForm) },
            t('organisation.hints.siret'),
          )}
          {asksForRna(form.legalForm)
            ? text('rna', 'rna', { required: true }, t('organisation.hints.rna'))
            : null}
          <div className="choice">
            <input
              type="checkbox"
              id="organisation-vat-registered"
              checked={form.vatRegistered}
              onChange={(event) =>
                setForm({
                  ...form,
                  vatRegistered: event.target.checked,
                  vatRegisteredChosen: true,
                })
              }
              aria-describedby="organisation-vat-registered-hint"
            />
            <label htmlFor="organisation-vat-registered">
              {t('organisation.fields.vatRegistered')}
            </label>
            <p className="hint" id="organisation-vat-registered-hint">
              {t('organisation.hints.vatRegistered')}
            </p>
          </div>
          {text('vatNumber', 'vatNumber', {}, t('organisation.hints.vatNumber'))}
        </fieldset>

        <fieldset>
          <legend>{t('organisation.create.address')}</legend>
          {text('line1', 'address.line1', { autoComplete: 'address-line1', required: true })}
          {text('line2', 'address.line2', { autoComplete: 'address-line2' })}
          {text(
            'postalCode',
            'address.postalCode',
            { autoComplete: 'postal-code', inputMode: 'numeric', required: true },
            t('organisation.hints.postalCode'),
          )}
          {text('city', 'address.city', { autoComplete: 'address-level2', required: true })}
          <Field
            label={t('organisation.fields.department')}
            hint={t('organisation.hints.department')}
            error={errors.department}
          >
            {(control) => (
              <select
                {...control}
                value={form.department}
                onChange={(event) => setForm({ ...form, department: event.target.value })}
              >
                <option value="">{t('organisation.fromPostalCode')}</option>
                {PACA_DEPARTMENTS.map((code) => (
                  <option key={code} value={code}>
                    {departmentLabel(code)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t('organisation.create.billing')}</legend>
          {text(
            'billingEmail',
            'billingEmail',
            { type: 'email', autoComplete: 'email', required: true },
            t('organisation.hints.billingEmail'),
          )}
          <p className="hint">{t('organisation.hints.publicBody')}</p>
        </fieldset>

        <div className="row">
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending
              ? t('status.saving', { ns: 'common' })
              : t('organisation.create.submit')}
          </button>
          <Link to="/organisation">{t('actions.cancel', { ns: 'common' })}</Link>
        </div>
      </form>
    </section>
  );
}
