import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChambreSettingsPage, vatSettingsInput, vatValuesOf } from './ChambreSettingsPage';
import type { Chambre } from './types';

const chambre = {
  vatRegime: 'standard',
  vatNumber: 'FR08781112222',
  vatOnDebits: false,
  trainingDeclarationNumber: '93 13 12345 13',
  trainingExemptionAttestedOn: null,
  defaultVatTreatmentTraining: 'standard',
  defaultVatTreatmentOther: 'standard',
  offeringsUnderTrainingExemption: 0,
} as Chambre;

describe('the Chambre’s VAT settings form', () => {
  it('sends the VAT settings, an empty date or number as null, the VAT number without spaces', () => {
    const values = {
      ...vatValuesOf(chambre),
      vatNumber: ' fr08 7811 1222 2 ',
      vatOnDebits: true,
      trainingExemptionAttestedOn: '2025-09-02',
      defaultVatTreatmentTraining: 'exempt_training' as const,
    };
    expect(vatSettingsInput(values)).toEqual({
      vatRegime: 'standard',
      vatNumber: 'FR08781112222',
      vatOnDebits: true,
      trainingDeclarationNumber: '93 13 12345 13',
      trainingExemptionAttestedOn: '2025-09-02',
      defaultVatTreatmentTraining: 'exempt_training',
      defaultVatTreatmentOther: 'standard',
    });
    expect(
      vatSettingsInput({ ...vatValuesOf(chambre), trainingExemptionAttestedOn: '' }),
    ).toMatchObject({ trainingExemptionAttestedOn: null });
  });
});

describe('ChambreSettingsPage', () => {
  it('warns when offerings are exempt without an attestation date, and offers only allowed defaults', () => {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
    client.setQueryData(['chambre'], {
      ...chambre,
      offeringsUnderTrainingExemption: 2,
      updatedAt: '2027-01-01T00:00:00Z',
    });
    client.setQueryData(
      ['vat-regimes'],
      [
        {
          code: 'standard',
          legalBasis: 'art. 256 et 278 du CGI',
          offeringKinds: ['training', 'consultation'],
          canBeDefault: true,
        },
        {
          code: 'exempt_training',
          legalBasis: 'art. 261, 4, 4° a du CGI',
          offeringKinds: ['training'],
          canBeDefault: true,
        },
        {
          code: 'out_of_scope_subsidy',
          legalBasis: 'art. 256 et 266, 1, a du CGI',
          offeringKinds: ['training', 'consultation'],
          canBeDefault: false,
        },
      ],
    );
    render(
      <QueryClientProvider client={client}>
        <ChambreSettingsPage />
      </QueryClientProvider>,
    );
    expect(
      screen.getByText(/2 offres sont vendues sous l'exonération de la formation/),
    ).toBeInTheDocument();
    const options = (label: string) =>
      within(screen.getByLabelText(label))
        .getAllByRole('option')
        .map((option) => option.getAttribute('value'));
    expect(options("Régime d'une nouvelle formation")).toEqual(['standard', 'exempt_training']);
    expect(options("Régime d'une nouvelle offre d'un autre type (accompagnement)")).toEqual([
      'standard',
    ]);
    expect(
      screen.getByLabelText(
        "Date de l'attestation d'exonération de la formation (DREETS, formulaire 3511-SD)",
      ),
    ).toHaveAccessibleDescription(/Ce n'est pas le numéro de déclaration d'activité/);
  });
});
