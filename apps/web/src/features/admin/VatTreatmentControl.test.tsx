import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi, type Mock } from 'vitest';
import { api } from '../../api/client';
import { VatTreatmentControl } from './VatTreatmentControl';

vi.mock('../../api/client', async (original) => ({
  ...(await original<typeof import('../../api/client')>()),
  api: { PUT: vi.fn(), GET: vi.fn() },
}));
const put = api.PUT as unknown as Mock<(path: string, init: unknown) => Promise<unknown>>;

function answer(status: number, body: unknown) {
  const response = new Response(JSON.stringify(body), { status });
  return status < 400 ? { data: body, response } : { error: body, response };
}

const REGIMES = [
  ['standard', 'art. 256 et 278 du CGI', ['training', 'consultation']],
  ['exempt_training', 'art. 261, 4, 4° a du CGI', ['training']],
  ['exempt_members', 'art. 261, 7, 1° a du CGI', ['training', 'consultation']],
  ['franchise', 'art. 293 B du CGI', []],
].map(([code, legalBasis, offeringKinds]) => ({ code, legalBasis, offeringKinds }));

function renderControl(offering: Parameters<typeof VatTreatmentControl>[0]['offering']) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(['vat-regimes'], REGIMES);
  const onDone = vi.fn();
  render(
    <QueryClientProvider client={client}>
      <VatTreatmentControl offering={offering} onDone={onDone} />
    </QueryClientProvider>,
  );
  return onDone;
}

const LABEL = 'Régime de TVA (décision de la Chambre)';

describe('VatTreatmentControl', () => {
  it('offers the regimes of the offering’s kind, each with its legal basis', () => {
    renderControl({
      id: 'offering-1',
      title: 'Accompagnement RH',
      kind: 'consultation',
      status: 'submitted',
      vatTreatment: 'standard',
    });
    const options = within(screen.getByLabelText(LABEL)).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual([
      'TVA au taux normal de 20 % (art. 256 et 278 du CGI)',
      'Exonérée : services rendus aux membres (art. 261, 7, 1° a du CGI)',
    ]);
  });

  it('sets the regime of an unpublished offering at once through PUT /offerings/:id/vat-treatment', async () => {
    const offering = {
      id: 'offering-1',
      title: 'Gouvernance associative',
      kind: 'training' as const,
      status: 'submitted' as const,
      vatTreatment: 'standard' as const,
    };
    put.mockResolvedValueOnce(
      answer(200, { ...offering, vatTreatment: 'exempt_training', pendingRevision: null }),
    );
    const onDone = renderControl(offering);
    const user = userEvent.setup({ delay: null });
    const save = screen.getByRole('button', { name: 'Changer le régime de TVA' });
    expect(save).toBeDisabled();
    expect(screen.getByLabelText(LABEL)).toHaveAccessibleDescription(/S'applique aussitôt/);
    await user.selectOptions(
      screen.getByLabelText(LABEL),
      'Exonérée : formation professionnelle continue (art. 261, 4, 4° a du CGI)',
    );
    await user.click(save);
    expect(put).toHaveBeenCalledWith('/api/offerings/{id}/vat-treatment', {
      params: { path: { id: 'offering-1' } },
      body: { vatTreatment: 'exempt_training' },
    });
    await vi.waitFor(() =>
      expect(onDone).toHaveBeenCalledWith(
        'Régime de TVA de « Gouvernance associative » : Exonérée : formation professionnelle continue (art. 261, 4, 4° a du CGI).',
      ),
    );
  });

  it('says that a change to a published offering waits for an admin’s approval', async () => {
    const offering = {
      id: 'offering-2',
      title: 'Paie',
      kind: 'training' as const,
      status: 'published' as const,
      vatTreatment: 'standard' as const,
    };
    put.mockResolvedValueOnce(
      answer(200, {
        ...offering,
        pendingRevision: { vatTreatment: 'exempt_members', changedFields: ['vatTreatment'] },
      }),
    );
    const onDone = renderControl(offering);
    expect(screen.getByLabelText(LABEL)).toHaveAccessibleDescription(
      /attend la validation d'un administrateur/,
    );
    const user = userEvent.setup({ delay: null });
    await user.selectOptions(
      screen.getByLabelText(LABEL),
      'Exonérée : services rendus aux membres (art. 261, 7, 1° a du CGI)',
    );
    await user.click(screen.getByRole('button', { name: 'Changer le régime de TVA' }));
    await vi.waitFor(() =>
      expect(onDone).toHaveBeenCalledWith(
        "Régime de TVA proposé pour « Paie » : Exonérée : services rendus aux membres (art. 261, 7, 1° a du CGI). Il s'appliquera une fois validé par un administrateur.",
      ),
    );
  });
});
