import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useSetVatTreatment } from './admin-queries';
import type { VatTreatment } from './types';

const TREATMENTS: VatTreatment[] = ['exempt_training', 'standard', 'not_subject'];

/**
 * The Chambre decides an offering's VAT treatment (PUT /offerings/:id/vat-treatment): on a
 * submitted offering before publishing it, or on a published one at any time.
 */
export function VatTreatmentControl({
  offering,
  onDone,
}: {
  offering: { id: string; title: string; vatTreatment: VatTreatment };
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation('admin');
  const [treatment, setTreatment] = useState<VatTreatment>(offering.vatTreatment);
  const save = useSetVatTreatment(offering.id, (saved) =>
    onDone(
      t('vatDecision.saved', {
        title: saved.title,
        treatment: t(`vatTreatment.${saved.vatTreatment}`),
      }),
    ),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(treatment);
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <ProblemAlert ns="admin" error={save.error} />
      <div className="row">
        <Field label={t('vatDecision.label')} hint={t('vatDecision.hint')}>
          {(control) => (
            <select
              {...control}
              value={treatment}
              onChange={(event) => setTreatment(event.target.value as VatTreatment)}
            >
              {TREATMENTS.map((each) => (
                <option key={each} value={each}>
                  {t(`vatTreatment.${each}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button
          type="submit"
          className="button button-secondary"
          disabled={save.isPending || treatment === offering.vatTreatment}
        >
          {t('vatDecision.save')}
        </button>
      </div>
    </form>
  );
}
