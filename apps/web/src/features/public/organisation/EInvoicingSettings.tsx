import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../api/problem';
import { Field } from '../../../components/Field';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useUpdateOrganisation } from '../public-queries';
import type { Organisation } from '../types';
import { eInvoicingBody, eInvoicingFormOf, type EInvoicingForm } from './organisation-form';

/**
 * Whether the organisation is liable to VAT, and a public body's Chorus Pro structure: what
 * decides where its invoices go. Read-only unless the reader administers it.
 */
export function EInvoicingSettings({
  organisation,
  editable,
}: {
  organisation: Organisation;
  editable: boolean;
}) {
  const { t } = useTranslation('public');
  const [form, setForm] = useState<EInvoicingForm>(() => eInvoicingFormOf(organisation));
  const update = useUpdateOrganisation(organisation.id);
  const errors = update.error instanceof ApiProblem ? update.error.fieldErrors() : {};
  const structure = organisation.chorusStructure;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (update.isPending) return;
    update.mutate(eInvoicingBody(form, organisation.isPublicBody));
  }

  const flow = organisation.isPublicBody
    ? t('organisation.einvoicing.flow.publicBody')
    : organisation.vatRegistered
      ? t('organisation.einvoicing.flow.vatRegistered')
      : t('organisation.einvoicing.flow.notVatRegistered');

  return (
    <section aria-labelledby="organisation-einvoicing" className="card stack">
      <h2 id="organisation-einvoicing">{t('organisation.einvoicing.title')}</h2>
      <p className="muted">{flow}</p>
      {!editable ? (
        <dl className="facts">
          <dt>{t('organisation.einvoicing.vatRegistered')}</dt>
          <dd>{organisation.vatRegistered ? t('organisation.yes') : t('organisation.no')}</dd>
          {structure ? (
            <>
              <dt>{t('organisation.einvoicing.structureSiret')}</dt>
              <dd>{structure.structureSiret}</dd>
              <dt>{t('organisation.einvoicing.engagementNumberRequired')}</dt>
              <dd>
                {structure.engagementNumberRequired ? t('organisation.yes') : t('organisation.no')}
              </dd>
              <dt>{t('organisation.einvoicing.serviceCodeRequired')}</dt>
              <dd>
                {structure.serviceCodeRequired ? t('organisation.yes') : t('organisation.no')}
              </dd>
              {structure.defaultServiceCode ? (
                <>
                  <dt>{t('organisation.einvoicing.defaultServiceCode')}</dt>
                  <dd>{structure.defaultServiceCode}</dd>
                </>
              ) : null}
            </>
          ) : null}
        </dl>
      ) : (
        <form onSubmit={submit} noValidate className="stack">
          <ProblemAlert error={update.error} />
          <div className="choice">
            <input
              type="checkbox"
              id="einvoicing-vat-registered"
              checked={form.vatRegistered}
              onChange={(event) => setForm({ ...form, vatRegistered: event.target.checked })}
              aria-describedby="einvoicing-vat-registered-hint"
            />
            <label htmlFor="einvoicing-vat-registered">
              {t('organisation.einvoicing.vatRegistered')}
            </label>
            <p className="hint" id="einvoicing-vat-registered-hint">
              {t('organisation.hints.vatRegistered')}
            </p>
          </div>
          {organisation.isPublicBody ? (
            <fieldset>
              <legend>{t('organisation.einvoicing.chorus')}</legend>
              <Field
                label={t('organisation.einvoicing.structureSiret')}
                hint={t('organisation.einvoicing.structureSiretHint')}
                error={errors['chorusStructure.structureSiret']}
              >
                {(control) => (
                  <input
                    {...control}
                    type="text"
                    inputMode="numeric"
                    value={form.structureSiret}
                    onChange={(event) => setForm({ ...form, structureSiret: event.target.value })}
                  />
                )}
              </Field>
              <div className="choice">
                <input
                  type="checkbox"
                  id="einvoicing-engagement-required"
                  checked={form.engagementNumberRequired}
                  onChange={(event) =>
                    setForm({ ...form, engagementNumberRequired: event.target.checked })
                  }
                />
                <label htmlFor="einvoicing-engagement-required">
                  {t('organisation.einvoicing.engagementNumberRequired')}
                </label>
              </div>
              <div className="choice">
                <input
                  type="checkbox"
                  id="einvoicing-service-required"
                  checked={form.serviceCodeRequired}
                  onChange={(event) =>
                    setForm({ ...form, serviceCodeRequired: event.target.checked })
                  }
                />
                <label htmlFor="einvoicing-service-required">
                  {t('organisation.einvoicing.serviceCodeRequired')}
                </label>
              </div>
              <Field
                label={t('organisation.einvoicing.defaultServiceCode')}
                hint={t('organisation.einvoicing.defaultServiceCodeHint')}
                error={errors['chorusStructure.defaultServiceCode']}
              >
                {(control) => (
                  <input
                    {...control}
                    type="text"
                    maxLength={100}
                    value={form.defaultServiceCode}
                    onChange={(event) =>
                      setForm({ ...form, defaultServiceCode: event.target.value })
                    }
                  />
                )}
              </Field>
            </fieldset>
          ) : null}
          <div className="row">
            <button type="submit" className="button" disabled={update.isPending}>
              {update.isPending
                ? t('status.saving', { ns: 'common' })
                : t('organisation.einvoicing.save')}
            </button>
          </div>
          <div role="status">
            {update.isSuccess ? (
              <p className="alert alert-success">{t('organisation.einvoicing.saved')}</p>
            ) : null}
          </div>
        </form>
      )}
    </section>
  );
}
