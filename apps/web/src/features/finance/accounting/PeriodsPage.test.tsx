import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { api } from '../../../api/client';
import type { AccountingPeriods, PeriodClosing } from '../types';
import { PeriodsPage } from './PeriodsPage';

vi.mock('../../../api/client', async (original) => ({
  ...(await original<typeof import('../../../api/client')>()),
  api: { GET: vi.fn(), POST: vi.fn() },
}));
// The typed client's overloads are too rich for a mock: see it as (path, init) => answer.
const get = api.GET as unknown as Mock<(path: string, init: unknown) => Promise<unknown>>;
const post = api.POST as unknown as Mock<(path: string, init: unknown) => Promise<unknown>>;

function answer(status: number, body: unknown) {
  const response = new Response(JSON.stringify(body), { status });
  return status < 400 ? { data: body, response } : { error: body, response };
}

// Intl writes fr-FR amounts with no-break spaces; compare them as plain spaces.
const text = (element: HTMLElement) => element.textContent?.replace(/[\u00a0\u202f]/g, ' ');

/** 2026 seen on 10 April: January closed, February validated and next to close, March to validate. */
function periods(): AccountingPeriods {
  return {
    year: 2026,
    closedThrough: '2026-01',
    nextToClose: '2026-02',
    periods: Array.from({ length: 12 }, (_, index) => {
      const period = `2026-${String(index + 1).padStart(2, '0')}`;
      const counts: Record<string, [number, number, number]> = {
        '2026-01': [10, 0, 120_000],
        '2026-02': [4, 0, 48_000],
        '2026-03': [5, 3, 60_000],
      };
      const [entries, unvalidatedEntries, totalCents] = counts[period] ?? [0, 0, 0];
      return {
        period,
        status: period === '2026-01' ? 'closed' : 'open',
        closedAt: period === '2026-01' ? '2026-02-03T09:00:00Z' : null,
        closedBy: null,
        entries,
        unvalidatedEntries,
        totalCents,
      };
    }),
  };
}

const closing: PeriodClosing = {
  period: '2026-02',
  status: 'closed',
  closedAt: '2026-04-10T08:00:00Z',
  closedBy: 'finance-1',
  validation: {
    period: '2026-02',
    validatedOn: '2026-04-10',
    entries: 2,
    runs: [
      {
        journal: 'VT',
        fiscalYear: 2026,
        count: 2,
        firstNumber: 'VT2026-000011',
        lastNumber: 'VT2026-000012',
      },
    ],
  },
};

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/finance/accounting?year=2026']}>
        <PeriodsPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup({ delay: null });
}

describe('the periods page', () => {
  beforeEach(() => {
    // Only the clock: react-query and user-event keep their real timers.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-04-10T08:00:00Z'));
    get.mockReset().mockResolvedValue(answer(200, periods()));
    post.mockReset();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows each month’s state and offers « Clôturer » on the next month to close only', async () => {
    renderPage();
    const table = await screen.findByRole('table', { name: "Mois de l'exercice 2026" });
    const row = (name: string) => within(table).getByRole('row', { name: new RegExp(`^${name}`) });
    expect(text(row('Janvier 2026'))).toContain('Clôturé');
    expect(text(row('Février 2026'))).toContain('Validé');
    expect(text(row('Mars 2026'))).toContain('À valider');
    expect(text(row('Mai 2026'))).toContain('À venir');
    expect(within(table).getAllByRole('button', { name: /^Clôturer/ })).toHaveLength(1);
    within(row('Février 2026')).getByRole('button', { name: 'Clôturer février 2026' });
    within(row('Mars 2026')).getByRole('button', { name: 'Valider mars 2026' });
    expect(within(row('Février 2026')).queryByRole('button', { name: /Valider/ })).toBeNull();
    screen.getByText('31 janvier 2026 inclus');
    // February's last entries are validated; nothing after it is yet.
    screen.getByText('28 février 2026 inclus');
  });

  it('says what closing means before closing, then what was done, focus on the message', async () => {
    post.mockResolvedValue(answer(200, closing));
    const user = renderPage();
    await user.click(await screen.findByRole('button', { name: 'Clôturer février 2026' }));

    const dialog = screen.getByRole('region', { name: 'Clôturer février 2026 ?' });
    expect(screen.getByRole('heading', { name: 'Clôturer février 2026 ?' })).toHaveFocus();
    expect(text(dialog)).toContain('les écritures de février 2026 ne pourront plus changer');
    expect(text(dialog)).toContain(
      'est comptabilisée le 1 mars 2026, dans la période ouverte suivante (mars 2026)',
    );
    expect(text(dialog)).toContain('un mois clôturé ne se rouvre pas');
    expect(post).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: 'Clôturer février 2026' }));
    expect(post).toHaveBeenCalledWith('/api/finance/accounting/periods/{period}/close', {
      params: { path: { period: '2026-02' } },
    });
    const status = await screen.findByText(/Février 2026 est clôturé/);
    expect(text(status)).toBe(
      'Février 2026 est clôturé ; 2 écritures restaient à valider (VT2026-000011 à VT2026-000012).',
    );
    await waitFor(() => expect(status).toHaveFocus());
    expect(screen.queryByRole('region', { name: 'Clôturer février 2026 ?' })).toBeNull();
  });

  it('shows the api’s refusal in words, with the month to close first', async () => {
    post.mockResolvedValue(
      answer(409, {
        type: 'urn:mutualis:problem:period-closed-out-of-order',
        title: 'Conflict',
        status: 409,
        detail: 'periods close in order: close 2026-01 before 2026-02',
        code: 'period_closed_out_of_order',
        nextToClose: '2026-01',
      }),
    );
    const user = renderPage();
    await user.click(await screen.findByRole('button', { name: 'Clôturer février 2026' }));
    await user.click(
      within(screen.getByRole('region', { name: 'Clôturer février 2026 ?' })).getByRole('button', {
        name: 'Clôturer février 2026',
      }),
    );
    expect(text(await screen.findByRole('alert'))).toContain(
      "Les mois se clôturent dans l'ordre : clôturez d'abord janvier 2026.",
    );
    // Trying again would not do: only « Annuler » is left, and the months are read again.
    const dialog = screen.getByRole('region', { name: 'Clôturer février 2026 ?' });
    expect(
      within(dialog)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Annuler']);
    await waitFor(() => expect(get).toHaveBeenCalledTimes(2));
  });

  it('asks before validating, counting what it numbers, and gives focus back on « Annuler »', async () => {
    const user = renderPage();
    const open = await screen.findByRole('button', { name: 'Valider mars 2026' });
    await user.click(open);
    const dialog = screen.getByRole('region', {
      name: "Valider les écritures jusqu'à fin mars 2026 ?",
    });
    expect(text(dialog)).toContain("datées jusqu'au 31 mars 2026");
    expect(text(dialog)).toContain('(3 dans cet exercice)');
    await user.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    await waitFor(() => expect(open).toHaveFocus());
    expect(post).not.toHaveBeenCalled();
  });
});
