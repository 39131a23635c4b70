import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { api } from '../../../api/client';
import { ApplyForm } from './ApplyForm';
import type { FeeSchedule } from './types';

vi.mock('../../../api/client', async (original) => ({
  ...(await original<typeof import('../../../api/client')>()),
  api: { GET: vi.fn(), POST: vi.fn() },
}));
// The typed client's overloads are too rich for a mock: see it as (path, init) => answer.
const get = api.GET as unknown as Mock<(path: string, init?: unknown) => Promise<unknown>>;
const post = api.POST as unknown as Mock<(path: string, init: unknown) => Promise<unknown>>;
const ok = (data: unknown, status = 200) => ({ data, response: new Response(null, { status }) });

const schedule: FeeSchedule = {
  year: 2027,
  vatTreatment: 'out_of_scope',
  vatMention: 'Cotisation hors du champ de la TVA',
  firstYearFeeCents: null,
  prorataFrom: null,
  graceUntil: null,
  reminderDays: [30, 60],
  finalNoticeDays: 75,
  publicBodiesActiveOnApproval: true,
  updatedAt: '2026-11-01T08:00:00Z',
  rates: [
    {
      family: 'association',
      basis: 'headcount',
      lowerBound: 0,
      upperBound: 10,
      amountCents: 8_000,
    },
    {
      family: 'association',
      basis: 'headcount',
      lowerBound: 10,
      upperBound: null,
      amountCents: 25_000,
    },
  ],
};

function renderForm(onApplied = vi.fn()) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ApplyForm organisationId="org-1" joining={false} onApplied={onApplied} />
    </QueryClientProvider>,
  );
  return { onApplied, user: userEvent.setup({ delay: null }) };
}

describe('the application form', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-10T10:00:00Z'));
    get.mockReset();
    post.mockReset();
    get.mockImplementation((path) =>
      Promise.resolve(
        path === '/api/membership/charter'
          ? ok({ id: 'c3', version: 3, title: 'Charte', body: 'Nous adhérons.', publishedAt: '' })
          : ok(schedule),
      ),
    );
  });

  afterEach(() => vi.useRealTimers());

  it('shows the grid line and the fee once the profile is given', async () => {
    const { user } = renderForm();
    await user.selectOptions(await screen.findByLabelText('Famille'), 'association');
    await user.type(screen.getByLabelText('Effectif salarié'), '12');
    expect((await screen.findByText(/Ligne de la grille/)).textContent).toContain(
      'Association, 10 salariés et plus',
    );
    expect(screen.getByText(/Cotisation indicative/).textContent?.replace(/\s/g, ' ')).toContain(
      '250,00 €',
    );
  });

  it('announces what to correct, and sends nothing without the charter accepted', async () => {
    const { user } = renderForm();
    await screen.findByText('Nous adhérons.');
    await user.click(screen.getByRole('button', { name: "Envoyer la demande d'adhésion" }));
    expect(screen.getByRole('alert').textContent).toContain("La demande n'est pas envoyée");
    expect(screen.getByLabelText(/J'ai lu et j'accepte la charte/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(screen.getByText('Cochez la case pour accepter la charte.')).toBeTruthy();
    expect(post).not.toHaveBeenCalled();
  });

  it('sends the profile, the contact and the version of the charter accepted', async () => {
    post.mockResolvedValue(ok({ id: 'a1', year: 2027, status: 'pending' }, 201));
    const { user, onApplied } = renderForm();
    await user.selectOptions(await screen.findByLabelText('Famille'), 'association');
    await user.type(screen.getByLabelText('Effectif salarié'), '4');
    await user.type(screen.getByLabelText('Nom du contact'), 'Léa Dubois');
    await user.type(screen.getByLabelText('E-mail du contact'), 'lea@jardins.fr');
    await user.click(await screen.findByLabelText(/J'ai lu et j'accepte la charte \(version 3\)/));
    await user.click(screen.getByRole('button', { name: "Envoyer la demande d'adhésion" }));
    await vi.waitFor(() => expect(onApplied).toHaveBeenCalled());
    expect(post).toHaveBeenCalledWith('/api/organisations/{id}/membership-applications', {
      params: { path: { id: 'org-1' } },
      body: {
        year: 2027,
        family: 'association',
        headcount: 4,
        contactName: 'Léa Dubois',
        contactEmail: 'lea@jardins.fr',
        charterVersion: 3,
        acceptCharter: true,
      },
    });
  });
});
