import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../../api/problem';
import { emptyOfferingForm } from './offering-form';
import { OfferingForm } from './OfferingForm';
import type { OfferingInput } from './types';

function renderForm(props: {
  error?: unknown;
  onSubmit?: (input: OfferingInput) => void;
  vatLocked?: boolean;
}) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(
    ['categories'],
    [{ slug: 'formation', labelFr: 'Formation', labelEn: 'Training' }],
  );
  return render(
    <QueryClientProvider client={client}>
      <OfferingForm
        initial={emptyOfferingForm()}
        submitLabel="Créer le brouillon"
        busy={false}
        error={props.error ?? null}
        onSubmit={props.onSubmit ?? (() => undefined)}
        vatLocked={props.vatLocked}
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

  it('shows the VAT treatment of a published offering as the Chambre’s, not editable', () => {
    renderForm({ vatLocked: true });
    const vat = screen.getByLabelText('TVA');
    expect(vat).toBeDisabled();
    expect(vat).toHaveAccessibleDescription(
      "Fixé par la Chambre une fois l'offre publiée : écrivez-lui pour le faire changer.",
    );
  });
});
