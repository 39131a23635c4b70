import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { api } from '../../../api/client';
import type { components } from '../../../api/schema';
import { CataloguePage } from './CataloguePage';

vi.mock('../../../api/client', async (original) => ({
  ...(await original<typeof import('../../../api/client')>()),
  api: { GET: vi.fn() },
}));
// The typed client's overloads are too rich for a mock: see it as (path, init) => answer.
const get = api.GET as unknown as Mock<(path: string, init: unknown) => Promise<unknown>>;

type SearchResult = components['schemas']['SearchResultDto'];
type Summary = components['schemas']['OfferingSummaryDto'];

function offering(id: string, title: string): Summary {
  return {
    id,
    title,
    summary: `Résumé de ${title}`,
    categorySlug: 'formation',
    kind: 'training',
    deliveryMode: 'on_site',
    departments: ['06'],
    durationMinutes: 420,
    memberPriceCents: 15000,
    nonMemberPriceCents: 21000,
    currency: 'EUR',
    vatTreatment: 'exempt_training',
    cancellationPolicy: { tiers: [] },
    maxSeatsPerOrganisation: null,
    status: 'published',
    consultantId: 'c1',
    publishedAt: '2026-11-01T08:00:00Z',
    createdAt: '2026-11-01T08:00:00Z',
    updatedAt: '2026-11-01T08:00:00Z',
    price: { unitPriceCents: 21000, memberPrice: false },
    nextSessions: [],
    nextSlots: [],
  };
}

function page(items: Summary[], nextCursor: string | null): SearchResult {
  return {
    items,
    nextCursor,
    total: 3,
    facets: {
      categories: [
        { slug: 'formation', labelFr: 'Formation', labelEn: 'Training', count: 3 },
        { slug: 'juridique', labelFr: 'Juridique', labelEn: 'Legal', count: 0 },
      ],
    },
  };
}

const answer = (data: unknown) => ({ data, response: new Response(null, { status: 200 }) });

function renderCatalogue(url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <CataloguePage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('the catalogue page', () => {
  beforeEach(() => get.mockReset());

  it('searches with the filters of its URL, announces the total and loads more with the cursor', async () => {
    get
      .mockResolvedValueOnce(answer(page([offering('a', 'Paie'), offering('b', 'Statuts')], 'c2')))
      .mockResolvedValueOnce(answer(page([offering('c', 'Bilan')], null)));
    renderCatalogue('/?q=paie&department=06');

    expect(await screen.findByText('3 offres trouvées')).toHaveAttribute('role', 'status');
    expect(get).toHaveBeenCalledWith('/api/offerings', {
      params: { query: { q: 'paie', department: '06' } },
    });
    const categories = screen.getByRole('navigation', { name: 'Catégories' });
    expect(within(categories).getByRole('link', { name: 'Formation (3)' })).toHaveAttribute(
      'href',
      '/?q=paie&category=formation&department=06',
    );
    expect(within(categories).queryByText(/Juridique/)).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Afficher plus' }));
    const added = await screen.findByRole('link', { name: 'Bilan' });
    await vi.waitFor(() => expect(added).toHaveFocus());
    expect(get).toHaveBeenLastCalledWith('/api/offerings', {
      params: { query: { q: 'paie', department: '06', cursor: 'c2' } },
    });
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Paie',
      'Statuts',
      'Bilan',
    ]);
    expect(screen.queryByRole('button', { name: 'Afficher plus' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Paie' })).toHaveAttribute('href', '/offerings/a');
  });

  it('shows the api problem when the search fails', async () => {
    get.mockResolvedValueOnce({
      error: { type: 'about:blank', title: 'Bad', status: 400, detail: '', code: 'invalid_cursor' },
      response: new Response(null, { status: 400 }),
    });
    renderCatalogue('/');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'La demande est incomplète ou mal formée.',
    );
  });
});
