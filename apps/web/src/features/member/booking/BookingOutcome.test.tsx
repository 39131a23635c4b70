import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Booking } from '../types';
import { BookingOutcome } from './BookingPage';

function renderOutcome(remaining: number | null) {
  const booking = {
    id: 'booking-1',
    status: 'pending_payment',
    seats: 2,
    totalInclVatCents: 43_200,
    holdExpiresAt: '2027-01-10T10:00:00Z',
    memberPrice: true,
    ...(remaining === null
      ? {}
      : {
          unpaidPlaces: {
            organisation: { limit: 10, held: 10 - remaining },
            user: { limit: 10, held: 10 - remaining },
            remaining,
          },
        }),
  } as unknown as Booking;
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <BookingOutcome booking={booking} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('BookingOutcome', () => {
  it('tells how many more places may be held without paying', () => {
    renderOutcome(8);
    expect(
      screen.getByText(
        "Vous pouvez encore retenir 8 places sans payer ; au-delà, réglez d'abord une réservation.",
      ),
    ).toBeVisible();
  });

  it('says when no more place may be held without paying', () => {
    renderOutcome(0);
    expect(
      screen.getByText(
        'Vous ne pouvez plus retenir de place sans payer : réglez ou annulez d’abord une réservation en attente.'.replace(
          '’',
          "'",
        ),
      ),
    ).toBeVisible();
  });

  it('says nothing of it when the answer carries no allowance (a booking read back)', () => {
    renderOutcome(null);
    expect(screen.queryByText(/sans payer/)).toBeNull();
  });
});
