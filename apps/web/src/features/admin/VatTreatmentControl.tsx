import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { adminKeys } from './queries';

type VatTreatment = components['schemas']['SetVatTreatmentDto']['vatTreatment'];
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
  const queryClient = useQueryClient();
  const [treatment, setTreatment] = useState<VatTreatment>(offering.vatTreatment);
  const save = useMutation({
    mutationFn: async (vatTreatment: VatTreatment) =>
      unwrap(
        await api.PUT('/api/offerings/{id}/vat-treatment', {
          params: { path: { id: offering.id } },
          body: { vatTreatment },
        }),
      ),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.moderation });
      onDone(
        t('vatDecision.saved', {
          title: saved.title,
          treatment: t(`vatTreatment.${saved.vatTreatment}`),
        }),
      );
    },
  });

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
