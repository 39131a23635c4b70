import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { RevisionQueue } from './RevisionQueue';

vi.mock('../../api/client', async (original) => ({
  ...(await original<typeof import('../../api/client')>()),
  api: { GET: vi.fn(), POST: vi.fn() },
}));
// The typed client's overloads are too rich for a mock: see it as (path, init) => answer.
const get = api.GET as unknown as Mock<(path: string, init: unknown) => Promise<unknown>>;
const post = api.POST as unknown as Mock<(path: string, init: unknown) => Promise<unknown>>;

type Offering = components['schemas']['OfferingDto'];
type Revision = components['schemas']['OfferingRevisionDto'];

const offering: Offering = {
  id: 'offering-1',
  title: 'Les fondamentaux de l’employeur associatif',
  summary: 'Une journée pour les dirigeants bénévoles.',
  description: 'Programme de la journée.',
  categorySlug: 'formation',
  kind: 'training',
  deliveryMode: 'on_site',
  departments: ['13'],
  durationMinutes: 420,
  memberPriceCents: 18_000,
  nonMemberPriceCents: 26_000,
  currency: 'EUR',
  vatTreatment: 'exempt_training',
  cancellationPolicy: { tiers: [] },
  maxSeatsPerOrganisation: null,
  pedagogy: null,
  status: 'published',
  rejectionReason: null,
  consultantId: 'consultant-1',
  publishedAt: '2027-01-01T09:00:00Z',
  createdAt: '2026-12-01T09:00:00Z',
  updatedAt: '2027-01-01T09:00:00Z',
};

const revision: Revision = {
  id: 'revision-1',
  offeringId: 'offering-1',
  status: 'pending',
  title: offering.title,
  summary: offering.summary,
  description: 'Programme : voir [ce site](https://exemple.invalid).',
  memberPriceCents: 18_000,
  nonMemberPriceCents: 31_000,
  vatTreatment: offering.vatTreatment,
  pedagogy: null,
  changedFields: ['description', 'nonMemberPriceCents'],
  proposedBy: 'consultant-1',
  reviewedAt: null,
  rejectionReason: null,
  createdAt: '2027-01-10T09:00:00Z',
  updatedAt: '2027-01-10T09:30:00Z',
};

function answer(status: number, body: unknown) {
  const response = new Response(JSON.stringify(body), { status });
  return status < 400 ? { data: body, response } : { error: body, response };
}

// Intl writes fr-FR amounts with no-break spaces; compare them as plain spaces.
const text = (element: HTMLElement) => element.textContent?.replace(/[\u00a0\u202f]/g, ' ');

function renderQueue() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const onDone = vi.fn();
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <RevisionQueue onDone={onDone} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { onDone, user: userEvent.setup({ delay: null }) };
}

describe('RevisionQueue', { timeout: 20_000 }, () => {
  let pending: { offering: Offering; revision: Revision }[];

  beforeEach(() => {
    pending = [{ offering, revision }];
    get.mockReset();
    post.mockReset();
    get.mockImplementation(async (path) => {
      if (path === '/api/vat-regimes') return answer(200, []);
      if (path === '/api/users') {
        return answer(200, {
          items: [{ id: 'consultant-1', name: 'Claire Martin' }],
          nextCursor: null,
        });
      }
      return answer(200, { items: pending, nextCursor: null });
    });
  });

  it('shows each pending change with the live value beside the proposed one', async () => {
    renderQueue();
    const item = await screen.findByRole('article', { name: offering.title });
    expect(item).toHaveTextContent('Proposées par Claire Martin');
    const rows = within(item).getAllByRole('row');
    expect(rows.map(text)).toEqual([
      'ChampEn ligneProposé',
      'DescriptionProgramme de la journée.Programme : voir [ce site](https://exemple.invalid).',
      'Prix non adhérent HT260,00 €310,00 €',
    ]);
    expect(within(item).getByRole('link', { name: 'Voir la page publique' })).toHaveAttribute(
      'href',
      '/offerings/offering-1',
    );
  });

  it('approves through POST /offerings/:id/publish and says the changes are live', async () => {
    post.mockResolvedValueOnce(answer(200, { ...offering, nonMemberPriceCents: 31_000 }));
    const { onDone, user } = renderQueue();
    const item = await screen.findByRole('article', { name: offering.title });
    pending = [];
    await user.click(within(item).getByRole('button', { name: 'Valider les modifications' }));
    expect(post).toHaveBeenCalledWith('/api/offerings/{id}/publish', {
      params: { path: { id: 'offering-1' } },
    });
    await vi.waitFor(() =>
      expect(onDone).toHaveBeenCalledWith(
        'Les modifications de « Les fondamentaux de l’employeur associatif » sont en ligne.',
      ),
    );
    expect(
      await screen.findByText('Aucune modification n’attend de validation.'.replace('’', "'")),
    ).toBeVisible();
  });

  it('refuses only with a reason, sent to POST /offerings/:id/reject', async () => {
    post.mockResolvedValueOnce(answer(200, offering));
    const { onDone, user } = renderQueue();
    const item = await screen.findByRole('article', { name: offering.title });
    await user.click(within(item).getByRole('button', { name: 'Refuser les modifications' }));
    const reason = within(item).getByLabelText('Motif du refus');
    expect(reason).toHaveFocus();
    await user.click(within(item).getByRole('button', { name: 'Confirmer le refus' }));
    expect(post).not.toHaveBeenCalled();
    await user.type(reason, 'Le lien mène vers un site commercial.');
    await user.click(within(item).getByRole('button', { name: 'Confirmer le refus' }));
    expect(post).toHaveBeenCalledWith('/api/offerings/{id}/reject', {
      params: { path: { id: 'offering-1' } },
      body: { reason: 'Le lien mène vers un site commercial.' },
    });
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(onDone.mock.calls[0][0]).toContain('la version publiée reste en ligne');
  });
});
