import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useVatRegimes, useVatRegimeText } from '../../components/VatRegime';
import { useSetVatTreatment } from './admin-queries';
import type { ModeratedOffering, VatTreatment } from './types';

/**
 * The Chambre (an admin or finance) decides an offering's VAT regime (PUT
 * /offerings/:id/vat-treatment), among those its kind may take, each shown with its legal basis.
 * Before publication it applies at once; on a published offering it waits for an admin's
 * approval, the live regime staying until then.
 */
export function VatTreatmentControl({
  offering,
  onDone,
}: {
  offering: Pick<ModeratedOffering, 'id' | 'title' | 'kind' | 'status' | 'vatTreatment'>;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation('admin');
  const regimes = useVatRegimes();
  const regimeText = useVatRegimeText();
  const [treatment, setTreatment] = useState<VatTreatment>(offering.vatTreatment);
  const save = useSetVatTreatment(offering.id, (saved) => {
    const proposed = saved.pendingRevision?.changedFields.includes('vatTreatment')
      ? saved.pendingRevision.vatTreatment
      : null;
    onDone(
      proposed
        ? t('vatDecision.proposed', { title: saved.title, treatment: regimeText(proposed) })
        : t('vatDecision.saved', { title: saved.title, treatment: regimeText(saved.vatTreatment) }),
    );
  });
  const choices = (regimes.data ?? []).filter((regime) =>
    regime.offeringKinds.includes(offering.kind),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(treatment);
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <ProblemAlert ns="admin" error={save.error ?? regimes.error} />
      <div className="row">
        <Field
          label={t('vatDecision.label')}
          hint={
            offering.status === 'published' ? t('vatDecision.hintPublished') : t('vatDecision.hint')
          }
        >
          {(control) => (
            <select
              {...control}
              value={treatment}
              onChange={(event) => setTreatment(event.target.value as VatTreatment)}
            >
              {choices.map((regime) => (
                <option key={regime.code} value={regime.code}>
                  {regimeText(regime.code)}
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
