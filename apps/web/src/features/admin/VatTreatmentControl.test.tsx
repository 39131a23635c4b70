import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi, type Mock } from 'vitest';
import { api } from '../../api/client';
import { VatTreatmentControl } from './VatTreatmentControl';

vi.mock('../../api/client', async (original) => ({
  ...(await original<typeof import('../../api/client')>()),
  api: { PUT: vi.fn() },
}));
const put = api.PUT as unknown as Mock<(path: string, init: unknown) => Promise<unknown>>;

function answer(status: number, body: unknown) {
  const response = new Response(JSON.stringify(body), { status });
  return status < 400 ? { data: body, response } : { error: body, response };
}

describe('VatTreatmentControl', () => {
  it('sets the VAT treatment through PUT /offerings/:id/vat-treatment, once it differs', async () => {
    const offering = {
      id: 'offering-1',
      title: 'Gouvernance associative',
      vatTreatment: 'exempt_training' as const,
    };
    put.mockResolvedValueOnce(answer(200, { ...offering, vatTreatment: 'standard' }));
    const onDone = vi.fn();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <VatTreatmentControl offering={offering} onDone={onDone} />
      </QueryClientProvider>,
    );
    const user = userEvent.setup({ delay: null });
    const save = screen.getByRole('button', { name: 'Changer le régime de TVA' });
    expect(save).toBeDisabled();
    expect(
      screen.getByLabelText('Régime de TVA (décision de la Chambre)'),
    ).toHaveAccessibleDescription(/S'applique aussitôt aux nouvelles réservations/);
    await user.selectOptions(
      screen.getByLabelText('Régime de TVA (décision de la Chambre)'),
      'TVA à 20 %',
    );
    await user.click(save);
    expect(put).toHaveBeenCalledWith('/api/offerings/{id}/vat-treatment', {
      params: { path: { id: 'offering-1' } },
      body: { vatTreatment: 'standard' },
    });
    await vi.waitFor(() =>
      expect(onDone).toHaveBeenCalledWith(
        'Régime de TVA de « Gouvernance associative » : TVA à 20 %.',
      ),
    );
  });
});
