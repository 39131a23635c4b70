import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { api } from '../../../api/client';
import { MembershipNotice } from './MembershipNotice';
import type { MembershipYear } from './types';

vi.mock('../../../api/client', async (original) => ({
  ...(await original<typeof import('../../../api/client')>()),
  api: { GET: vi.fn() },
}));
// The typed client's overloads are too rich for a mock: see it as (path, init) => answer.
const get = api.GET as unknown as Mock<(path: string, init: unknown) => Promise<unknown>>;

function answer(years: MembershipYear[]) {
  get.mockResolvedValue({ data: years, response: new Response(null, { status: 200 }) });
}

function renderNotice(memberPrice: boolean, startsAt = '2027-03-04T08:00:00Z') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <MembershipNotice
          organisationId="org-1"
          serviceStartsAt={startsAt}
          memberPrice={memberPrice}
        />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const year = (status: MembershipYear['status']): MembershipYear => ({
  year: 2027,
  status,
  feeCents: 25_000,
  invoice: null,
  certificateAvailable: false,
});

describe('the notice before booking', () => {
  beforeEach(() => get.mockReset());

  it('says the year is not active, why, and where to act, when the non-member price applies', async () => {
    answer([year('lapsed')]);
    renderNotice(false);
    expect(
      await screen.findByText(
        "Votre adhésion 2027 n'est pas active : le tarif non-adhérent s'applique",
      ),
    ).toBeTruthy();
    expect(screen.getByText('Votre adhésion 2027 est échue faute de paiement.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Voir ma page Adhésion' }).getAttribute('href')).toBe(
      '/membership?organisation=org-1',
    );
  });

  it('names the year of the service date, not of today', async () => {
    answer([]);
    renderNotice(false, '2027-12-31T23:30:00Z');
    expect(
      await screen.findByText(
        "Votre adhésion 2028 n'est pas active : le tarif non-adhérent s'applique",
      ),
    ).toBeTruthy();
    expect(screen.getByText("Votre organisation n'a pas d'adhésion pour 2028.")).toBeTruthy();
  });

  it('says nothing, and asks nothing, at the member price', () => {
    renderNotice(true);
    expect(screen.queryByRole('note')).toBeNull();
    expect(get).not.toHaveBeenCalled();
  });
});
