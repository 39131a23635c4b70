import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useVatRegimes, useVatRegimeText } from '../../components/VatRegime';
import { adminKeys } from './admin-queries';
import type { Chambre, ChambreSettings } from './types';

/** The VAT settings of the Chambre as the form holds them. */
interface VatValues {
  vatRegime: Chambre['vatRegime'];
  vatNumber: string;
  vatOnDebits: boolean;
  trainingDeclarationNumber: string;
  trainingExemptionAttestedOn: string;
  defaultVatTreatmentTraining: Chambre['defaultVatTreatmentTraining'];
  defaultVatTreatmentOther: Chambre['defaultVatTreatmentOther'];
}

export function vatValuesOf(chambre: Chambre): VatValues {
  return {
    vatRegime: chambre.vatRegime,
    vatNumber: chambre.vatNumber ?? '',
    vatOnDebits: chambre.vatOnDebits,
    trainingDeclarationNumber: chambre.trainingDeclarationNumber ?? '',
    trainingExemptionAttestedOn: chambre.trainingExemptionAttestedOn ?? '',
    defaultVatTreatmentTraining: chambre.defaultVatTreatmentTraining,
    defaultVatTreatmentOther: chambre.defaultVatTreatmentOther,
  };
}

/** What PUT /api/chambre receives: emptied text is null, the rest as chosen. */
export function vatSettingsInput(values: VatValues): ChambreSettings {
  const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
  return {
    vatRegime: values.vatRegime,
    vatNumber: orNull(values.vatNumber.toUpperCase().replace(/\s/g, '')),
    vatOnDebits: values.vatOnDebits,
    trainingDeclarationNumber: orNull(values.trainingDeclarationNumber),
    trainingExemptionAttestedOn: orNull(values.trainingExemptionAttestedOn),
    defaultVatTreatmentTraining: values.defaultVatTreatmentTraining,
    defaultVatTreatmentOther: values.defaultVatTreatmentOther,
  };
}

/**
 * The Chambre's VAT settings (admin): its own regime, its option for VAT on debits, its
 * training exemption attestation (distinct from the NDA) and the regimes new offerings get.
 * Saved with PUT /api/chambre, which also marks the Chambre's settings reviewed.
 */
export function ChambreSettingsPage() {
  const { t } = useTranslation('admin');
  const chambre = useQuery({
    queryKey: adminKeys.chambre,
    queryFn: async () => unwrap(await api.GET('/api/chambre')),
  });
  // Here rather than in the form, which starts afresh from what was saved.
  const [saved, setSaved] = useState(false);
  return (
    <section className="stack">
      <PageTitle>{t('chambre.title')}</PageTitle>
      <p className="muted">{t('chambre.intro')}</p>
      {chambre.isPending ? <Loading /> : null}
      <ProblemAlert ns="admin" error={chambre.error} />
      {saved ? (
        <p className="alert alert-success" role="status">
          {t('chambre.saved')}
        </p>
      ) : null}
      {chambre.data ? (
        <VatSettingsForm key={chambre.data.updatedAt} chambre={chambre.data} onSaved={setSaved} />
      ) : null}
    </section>
  );
}

function VatSettingsForm({
  chambre,
  onSaved,
}: {
  chambre: Chambre;
  onSaved: (saved: boolean) => void;
}) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const regimes = useVatRegimes();
  const regimeText = useVatRegimeText();
  const [values, setValues] = useState(() => vatValuesOf(chambre));
  const save = useMutation({
    mutationFn: async (body: ChambreSettings) => unwrap(await api.PUT('/api/chambre', { body })),
    onSuccess: (updated) => {
      onSaved(true);
      queryClient.setQueryData(adminKeys.chambre, updated);
    },
  });
  const errors = save.error instanceof ApiProblem ? save.error.fieldErrors() : {};
  const set = <K extends keyof VatValues>(key: K, value: VatValues[K]) => {
    onSaved(false);
    setValues((current) => ({ ...current, [key]: value }));
  };
  const defaults = (kind: 'training' | 'consultation') =>
    (regimes.data ?? []).filter(
      (regime) => regime.canBeDefault && regime.offeringKinds.includes(kind),
    );
  const missingAttestation =
    chambre.offeringsUnderTrainingExemption > 0 && !chambre.trainingExemptionAttestedOn;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(vatSettingsInput(values));
  }

  return (
    <form className="stack card" onSubmit={submit} noValidate>
      <h2>{t('chambre.vat')}</h2>
      {missingAttestation ? (
        <p className="alert" role="status">
          {t('chambre.missingAttestation', { count: chambre.offeringsUnderTrainingExemption })}
        </p>
      ) : null}
      <ProblemAlert ns="admin" error={save.error ?? regimes.error} />
      <Field label={t('chambre.vatRegime')} error={errors.vatRegime}>
        {(control) => (
          <select
            {...control}
            value={values.vatRegime}
            onChange={(event) => set('vatRegime', event.target.value as VatValues['vatRegime'])}
          >
            <option value="standard">{t('chambre.regime.standard')}</option>
            <option value="franchise">{regimeText('franchise')}</option>
          </select>
        )}
      </Field>
      <Field
        label={t('chambre.vatNumber')}
        hint={t('chambre.vatNumberHint')}
        error={errors.vatNumber}
      >
        {(control) => (
          <input
            {...control}
            value={values.vatNumber}
            autoComplete="off"
            onChange={(event) => set('vatNumber', event.target.value)}
          />
        )}
      </Field>
      <div className="stack">
        <label className="row" style={{ gap: '0.5rem' }}>
          <input
            type="checkbox"
            aria-describedby="vat-on-debits-hint"
            checked={values.vatOnDebits}
            onChange={(event) => set('vatOnDebits', event.target.checked)}
          />
          <strong>{t('chambre.vatOnDebits')}</strong>
        </label>
        <p className="hint" id="vat-on-debits-hint">
          {t('chambre.vatOnDebitsHint')}
        </p>
      </div>
      <Field
        label={t('chambre.trainingExemptionAttestedOn')}
        hint={t('chambre.trainingExemptionAttestedOnHint')}
        error={errors.trainingExemptionAttestedOn}
      >
        {(control) => (
          <input
            {...control}
            type="date"
            value={values.trainingExemptionAttestedOn}
            onChange={(event) => set('trainingExemptionAttestedOn', event.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('chambre.trainingDeclarationNumber')}
        hint={t('chambre.trainingDeclarationNumberHint')}
        error={errors.trainingDeclarationNumber}
      >
        {(control) => (
          <input
            {...control}
            value={values.trainingDeclarationNumber}
            onChange={(event) => set('trainingDeclarationNumber', event.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('chambre.defaultVatTreatmentTraining')}
        error={errors.defaultVatTreatmentTraining}
      >
        {(control) => (
          <select
            {...control}
            value={values.defaultVatTreatmentTraining}
            onChange={(event) =>
              set(
                'defaultVatTreatmentTraining',
                event.target.value as VatValues['defaultVatTreatmentTraining'],
              )
            }
          >
            {defaults('training').map((regime) => (
              <option key={regime.code} value={regime.code}>
                {regimeText(regime.code)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('chambre.defaultVatTreatmentOther')} error={errors.defaultVatTreatmentOther}>
        {(control) => (
          <select
            {...control}
            value={values.defaultVatTreatmentOther}
            onChange={(event) =>
              set(
                'defaultVatTreatmentOther',
                event.target.value as VatValues['defaultVatTreatmentOther'],
              )
            }
          >
            {defaults('consultation').map((regime) => (
              <option key={regime.code} value={regime.code}>
                {regimeText(regime.code)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p className="hint">{t('chambre.saveHint')}</p>
      <div className="row">
        <button type="submit" className="button" disabled={save.isPending}>
          {t('chambre.save')}
        </button>
      </div>
    </form>
  );
}
