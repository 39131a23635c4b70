import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../../api/problem';
import { emptyOfferingForm } from './offering-form';
import { OfferingForm } from './OfferingForm';
import type { OfferingInput, VatTreatment } from './types';

function renderForm(props: {
  error?: unknown;
  onSubmit?: (input: OfferingInput) => void;
  vatTreatment?: VatTreatment;
}) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(
    ['categories'],
    [{ slug: 'formation', labelFr: 'Formation', labelEn: 'Training' }],
  );
  client.setQueryData(
    ['vat-regimes'],
    [{ code: 'exempt_training', legalBasis: 'art. 261, 4, 4° a du CGI' }],
  );
  return render(
    <QueryClientProvider client={client}>
      <OfferingForm
        initial={emptyOfferingForm()}
        submitLabel="Créer le brouillon"
        busy={false}
        error={props.error ?? null}
        onSubmit={props.onSubmit ?? (() => undefined)}
        vatTreatment={props.vatTreatment}
      />
    </QueryClientProvider>,
  );
}

describe('OfferingForm', () => {
  // Typing a whole form takes a while on a busy machine.
  it('sends what was typed, prices in cents', { timeout: 20_000 }, async () => {
    const user = userEvent.setup({ delay: null });
    const onSubmit = vi.fn();
    renderForm({ onSubmit });
    await user.type(screen.getByLabelText('Titre'), 'Paie associative');
    await user.type(screen.getByLabelText('Résumé'), 'Les bases.');
    await user.selectOptions(screen.getByLabelText('Catégorie'), 'formation');
    await user.click(screen.getByLabelText('13 – Bouches-du-Rhône'));
    await user.type(screen.getByLabelText('Prix adhérent (€ HT)'), '180');
    await user.type(screen.getByLabelText('Prix non adhérent (€ HT)'), '260,50');
    await user.click(screen.getByRole('button', { name: 'Créer le brouillon' }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Paie associative',
        departments: ['13'],
        memberPriceCents: 18000,
        nonMemberPriceCents: 26050,
      }),
    );
  });

  it('shows what cannot be sent next to its field, and sends nothing', async () => {
    const user = userEvent.setup({ delay: null });
    const onSubmit = vi.fn();
    renderForm({ onSubmit });
    await user.type(screen.getByLabelText('Prix adhérent (€ HT)'), 'cent euros');
    await user.click(screen.getByRole('button', { name: 'Créer le brouillon' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Vérifiez les champs signalés.');
    expect(screen.getByLabelText('Prix adhérent (€ HT)')).toHaveAccessibleDescription(
      expect.stringContaining('Saisissez un nombre.'),
    );
    expect(
      screen.getByRole('group', { name: 'Départements couverts' }),
    ).toHaveAccessibleDescription('Ce champ est obligatoire.');
  });

  it("puts the api's field errors next to their fields, tiers included", () => {
    renderForm({
      error: new ApiProblem({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: '',
        code: 'validation_failed',
        errors: [
          { field: 'title', message: 'title must be shorter than or equal to 200 characters' },
          {
            field: 'cancellationPolicy.tiers.1.refundPercent',
            message: 'must not be greater than 100',
          },
        ],
      }),
    });
    expect(screen.getByLabelText('Titre')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Titre')).toHaveAccessibleDescription("C'est trop long.");
    expect(screen.getByLabelText('Palier 2 : remboursement (%)')).toHaveAccessibleDescription(
      'Saisissez un nombre.',
    );
  });

  it('shows the VAT regime as the Chambre’s decision, with its legal basis, and offers no choice', () => {
    renderForm({ vatTreatment: 'exempt_training' });
    expect(screen.getByText('Régime de TVA').nextElementSibling).toHaveTextContent(
      'Exonérée : formation professionnelle continue (art. 261, 4, 4° a du CGI)',
    );
    expect(screen.queryByRole('combobox', { name: /TVA/ })).toBeNull();
    expect(screen.getByText(/Décidé par la Chambre/)).toBeInTheDocument();
  });

  it('tells a new offering’s consultant that the Chambre’s default applies', () => {
    renderForm({});
    expect(screen.getByText('Régime de TVA').nextElementSibling).toHaveTextContent(
      "Le régime par défaut de la Chambre pour ce type d'offre",
    );
  });
});
