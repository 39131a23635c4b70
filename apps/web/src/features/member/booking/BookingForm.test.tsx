import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ComponentProps } from 'react';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { api } from '../../../api/client';
import type { Booking, Offering, Session } from '../types';
import { BookingForm } from './BookingForm';

vi.mock('../../../api/client', async (original) => ({
  ...(await original<typeof import('../../../api/client')>()),
  api: { POST: vi.fn() },
}));
// The typed client's overloads are too rich for a mock: see it as (path, init) => answer.
const post = api.POST as unknown as Mock<(path: string, init: unknown) => Promise<unknown>>;

// Intl writes fr-FR amounts with no-break spaces; compare them as plain spaces.
const text = (element: HTMLElement) => element.textContent?.replace(/[\u00a0\u202f]/g, ' ');

function session(overrides: Partial<Session> = {}): Session {
  return {
    id: 'session-1',
    offeringId: 'offering-1',
    startsAt: '2027-03-04T08:00:00Z',
    endsAt: '2027-03-04T16:00:00Z',
    capacity: 12,
    seatsLeft: 5,
    location: 'Marseille',
    remoteUrl: null,
    registrationDeadline: '2027-03-01T08:00:00Z',
    status: 'scheduled',
    price: { unitPriceCents: 24_000, memberPrice: true },
    ...overrides,
  };
}

function offering(overrides: Partial<Offering> = {}, sessions = [session()]): Offering {
  return {
    id: 'offering-1',
    title: 'Les fondamentaux de l’employeur associatif',
    summary: '',
    description: '',
    descriptionHtml: '',
    categorySlug: 'formation',
    kind: 'training',
    deliveryMode: 'on_site',
    departments: ['13'],
    durationMinutes: 420,
    memberPriceCents: 24_000,
    nonMemberPriceCents: 34_000,
    currency: 'EUR',
    vatTreatment: 'standard',
    cancellationPolicy: { tiers: [{ daysBefore: 14, refundPercent: 100 }] },
    maxSeatsPerOrganisation: null,
    pedagogy: null,
    status: 'published',
    rejectionReason: null,
    consultantId: 'consultant-1',
    publishedAt: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    consultant: { id: 'consultant-1', bio: '', expertise: [] },
    price: sessions[0]?.price ?? { unitPriceCents: 24_000, memberPrice: true },
    upcomingSessions: sessions,
    freeSlots: [],
    pendingRevision: null,
    rejectedRevision: null,
    ...overrides,
  };
}

const organisations = [
  { id: 'org-1', legalName: 'Les Jardins Partagés', role: 'org_admin' as const, membership: null },
];

function renderForm(
  value: Offering,
  onBooked = vi.fn(),
  chorusStructure: ComponentProps<typeof BookingForm>['chorusStructure'] = null,
) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <BookingForm
          offering={value}
          organisations={organisations}
          organisationId="org-1"
          onOrganisationChange={vi.fn()}
          initialTargetId="session-1"
          onBooked={onBooked}
          chorusStructure={chorusStructure}
        />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { onBooked, user: userEvent.setup({ delay: null }) };
}

async function nameAttendee(
  user: ReturnType<typeof userEvent.setup>,
  number: number,
  name: string,
  email: string,
) {
  await user.type(screen.getByLabelText(`Nom du participant ${number}`), name);
  await user.type(screen.getByLabelText(`E-mail du participant ${number}`), email);
}

function answer(status: number, body: unknown) {
  const response = new Response(JSON.stringify(body), { status });
  return status < 400 ? { data: body, response } : { error: body, response };
}

const booked = { id: 'booking-1', status: 'pending_payment', seats: 2 } as Booking;

// Typing in jsdom is slow when the machine is busy: give each test room.
describe('BookingForm', { timeout: 20_000 }, () => {
  beforeEach(() => post.mockReset());

  it('adds and removes attendee rows, no more than the seats left', async () => {
    const { user } = renderForm(offering({}, [session({ seatsLeft: 2 })]));
    const add = screen.getByRole('button', { name: 'Ajouter un participant' });
    expect(
      screen.getByText("Vous pouvez inscrire jusqu'à 2 participants (places restantes)."),
    ).toBeInTheDocument();

    await user.click(add);
    expect(screen.getByLabelText('Nom du participant 2')).toBeInTheDocument();
    expect(add).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Retirer le participant 1' }));
    expect(screen.queryByLabelText('Nom du participant 2')).not.toBeInTheDocument();
    expect(add).toBeEnabled();
  });

  it('holds an organisation to the offering’s limit per organisation', () => {
    renderForm(offering({ maxSeatsPerOrganisation: 1 }));
    expect(screen.getByRole('button', { name: 'Ajouter un participant' })).toBeDisabled();
    expect(
      screen.getByText('1 participant au plus par organisation pour cette offre.'),
    ).toBeInTheDocument();
  });

  it('says what is missing or wrong next to each field, and sends nothing', async () => {
    const { user } = renderForm(offering());
    await user.click(screen.getByRole('button', { name: /^Réserver/ }));
    expect(screen.getByLabelText('Nom du participant 1')).toHaveAccessibleDescription(
      'Ce champ est obligatoire.',
    );
    expect(screen.getByLabelText('E-mail du participant 1')).toHaveAccessibleDescription(
      'Ce champ est obligatoire.',
    );

    await nameAttendee(user, 1, 'Léa Dubois', 'lea.dubois');
    expect(screen.getByLabelText('E-mail du participant 1')).toHaveAccessibleDescription(
      'Saisissez une adresse e-mail valide.',
    );

    await user.type(screen.getByLabelText('E-mail du participant 1'), '@asso.fr');
    await user.click(screen.getByRole('button', { name: 'Ajouter un participant' }));
    await nameAttendee(user, 2, 'Hugo Lefèvre', 'LEA.dubois@asso.fr');
    await user.click(screen.getByRole('button', { name: /^Réserver/ }));
    expect(
      screen.getByText('Chaque participant doit avoir sa propre adresse e-mail.'),
    ).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();
  });

  it('shows the member price for 2 seats, with VAT', async () => {
    const { user } = renderForm(offering());
    await user.click(screen.getByRole('button', { name: 'Ajouter un participant' }));
    const price = screen.getByRole('region', { name: 'Prix' });
    expect(text(price)).toContain('Prix unitaire HT240,00 € Tarif adhérent');
    expect(text(price)).toContain('Places2');
    expect(text(price)).toContain('Total HT480,00 €');
    expect(text(price)).toContain('TVA 20 %96,00 €');
    expect(text(price)).toContain('Total TTC576,00 €');
    expect(text(screen.getByRole('button', { name: /^Réserver/ }))).toBe('Réserver · 576,00 €');
  });

  it('shows the non-member price for 2 seats when the organisation’s adhésion is not active', async () => {
    const { user } = renderForm(
      offering({}, [session({ price: { unitPriceCents: 34_000, memberPrice: false } })]),
    );
    await user.click(screen.getByRole('button', { name: 'Ajouter un participant' }));
    const price = screen.getByRole('region', { name: 'Prix' });
    expect(text(price)).toContain('Prix unitaire HT340,00 € Tarif non adhérent');
    expect(text(price)).toContain('Total HT680,00 €');
    expect(text(price)).toContain('Total TTC816,00 €');
    expect(within(price).getByText(/Tarif non adhérent : l'adhésion/)).toBeInTheDocument();
  });

  it('keeps the same Idempotency-Key when the same booking is sent again after a failure', async () => {
    post
      .mockResolvedValueOnce(
        answer(503, { status: 503, code: 'service_unavailable', title: 'x', detail: '', type: '' }),
      )
      .mockResolvedValueOnce(answer(201, booked));
    const { user, onBooked } = renderForm(offering());
    await user.click(screen.getByRole('button', { name: 'Ajouter un participant' }));
    await nameAttendee(user, 1, 'Léa Dubois', 'lea.dubois@asso.fr');
    await nameAttendee(user, 2, 'Hugo Lefèvre', 'hugo@asso.fr');

    await user.click(screen.getByRole('button', { name: /^Réserver/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Le service est momentanément indisponible.',
    );
    await user.click(screen.getByRole('button', { name: /^Réserver/ }));

    await vi.waitFor(() => expect(onBooked).toHaveBeenCalledWith(booked));
    expect(post).toHaveBeenCalledTimes(2);
    const [first, second] = post.mock.calls.map(([path, init]) => ({ path, init }));
    expect(first.path).toBe('/api/bookings');
    expect(first.init).toMatchObject({
      body: {
        organisationId: 'org-1',
        sessionId: 'session-1',
        attendees: [
          { name: 'Léa Dubois', email: 'lea.dubois@asso.fr' },
          { name: 'Hugo Lefèvre', email: 'hugo@asso.fr' },
        ],
      },
    });
    const key = (init: unknown) =>
      (init as { params: { header: Record<string, string> } }).params.header['Idempotency-Key'];
    expect(key(first.init)).toMatch(/\S{16,}/);
    expect(key(second.init)).toBe(key(first.init));
  });

  it('uses a new Idempotency-Key once what is booked changes', async () => {
    post.mockResolvedValue(
      answer(503, { status: 503, code: 'service_unavailable', title: 'x', detail: '', type: '' }),
    );
    const { user } = renderForm(offering());
    await nameAttendee(user, 1, 'Léa Dubois', 'lea.dubois@asso.fr');
    await user.click(screen.getByRole('button', { name: /^Réserver/ }));
    await screen.findByRole('alert');
    await user.type(screen.getByLabelText('Nom du participant 1'), '-Martin');
    await user.click(screen.getByRole('button', { name: /^Réserver/ }));
    await vi.waitFor(() => expect(post).toHaveBeenCalledTimes(2));
    const keys = post.mock.calls.map(
      ([, init]) =>
        (init as { params: { header: Record<string, string> } }).params.header['Idempotency-Key'],
    );
    expect(keys[1]).not.toBe(keys[0]);
  });

  it('shows a closed registration next to the session, in French', async () => {
    post.mockResolvedValueOnce(
      answer(422, {
        status: 422,
        code: 'registration_closed',
        title: 'Unprocessable',
        detail: 'registration closed on …',
        type: '',
      }),
    );
    const { user } = renderForm(offering());
    await nameAttendee(user, 1, 'Léa Dubois', 'lea.dubois@asso.fr');
    await user.click(screen.getByRole('button', { name: /^Réserver/ }));
    const sessions = screen.getByRole('group', { name: 'Session' });
    expect(await within(sessions).findByRole('alert')).toHaveTextContent(
      'Les inscriptions à cette session sont closes : choisissez-en une autre.',
    );
  });

  it('shows the organisation’s seat limit next to the attendees', async () => {
    post.mockResolvedValueOnce(
      answer(422, {
        status: 422,
        code: 'organisation_seat_limit',
        title: 'Unprocessable',
        detail: 'an organisation may book at most 3 seats on this session; yours has 2',
        type: '',
        errors: [{ field: 'attendees', message: 'at most 1 more' }],
      }),
    );
    const { user } = renderForm(offering({ maxSeatsPerOrganisation: 3 }));
    await user.click(screen.getByRole('button', { name: 'Ajouter un participant' }));
    await nameAttendee(user, 1, 'Léa Dubois', 'lea.dubois@asso.fr');
    await nameAttendee(user, 2, 'Hugo Lefèvre', 'hugo@asso.fr');
    await user.click(screen.getByRole('button', { name: /^Réserver/ }));
    const attendees = screen.getByRole('group', { name: 'Participants' });
    expect(await within(attendees).findByRole('alert')).toHaveTextContent(
      "Votre organisation ne peut plus inscrire qu'un seul participant à cette session.",
    );
  });

  it('says how many unpaid places are held, the limit and how to free them, with a link to the bookings awaiting payment', async () => {
    post.mockResolvedValueOnce(
      answer(409, {
        status: 409,
        code: 'unpaid_places_limit',
        title: 'Conflict',
        detail:
          'your organisation already holds 8 unpaid place(s) and may hold at most 10 at once…',
        type: '',
        errors: [{ field: 'attendees', message: 'at most 2 more unpaid place(s) for now' }],
        scope: 'organisation',
        limit: 10,
        held: 8,
        requested: 3,
      }),
    );
    const { user } = renderForm(offering());
    await user.click(screen.getByRole('button', { name: 'Ajouter un participant' }));
    await user.click(screen.getByRole('button', { name: 'Ajouter un participant' }));
    await nameAttendee(user, 1, 'Léa Dubois', 'lea.dubois@asso.fr');
    await nameAttendee(user, 2, 'Hugo Lefèvre', 'hugo@asso.fr');
    await nameAttendee(user, 3, 'Inès Martin', 'ines@asso.fr');
    await user.click(screen.getByRole('button', { name: /^Réserver/ }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Votre organisation retient déjà 8 places non payées. Elle peut en retenir au plus 10 à la fois sans payer ; cette réservation en demande 3.',
    );
    expect(alert).toHaveTextContent('Vous pouvez encore en réserver 2 sans payer');
    expect(alert).toHaveTextContent(
      'Pour libérer des places, réglez ou annulez une réservation en attente de paiement.',
    );
    expect(
      within(alert).getByRole('link', { name: 'Voir les réservations en attente de paiement' }),
    ).toHaveAttribute('href', '/bookings?status=pending_payment');
    // Not mistaken for a mistake in the attendees' fields.
    expect(
      within(screen.getByRole('group', { name: 'Participants' })).queryByRole('alert'),
    ).toBeNull();
  });

  it('words the per-user limit, and a limit reached, in French', async () => {
    post.mockResolvedValueOnce(
      answer(409, {
        status: 409,
        code: 'unpaid_places_limit',
        title: 'Conflict',
        detail: 'you already hold 10 unpaid place(s)…',
        type: '',
        scope: 'user',
        limit: 10,
        held: 10,
        requested: 1,
      }),
    );
    const { user } = renderForm(offering());
    await nameAttendee(user, 1, 'Léa Dubois', 'lea.dubois@asso.fr');
    await user.click(screen.getByRole('button', { name: /^Réserver/ }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Vous retenez déjà 10 places non payées, toutes organisations confondues.',
    );
    expect(alert).not.toHaveTextContent('encore');
  });

  describe('a public body’s Chorus Pro references', () => {
    const requiresEngagement = {
      engagementNumberRequired: true,
      serviceCodeRequired: false,
      defaultServiceCode: null,
    };

    it('asks for nothing when the organisation is not a public body', () => {
      renderForm(offering());
      expect(
        screen.queryByRole('group', { name: 'Références Chorus Pro' }),
      ).not.toBeInTheDocument();
      expect(screen.queryByLabelText(/Numéro d'engagement/)).not.toBeInTheDocument();
    });

    it('asks for the engagement number the structure requires, and sends nothing without it', async () => {
      const { user } = renderForm(offering(), vi.fn(), requiresEngagement);
      expect(screen.getByRole('group', { name: 'Références Chorus Pro' })).toBeInTheDocument();
      expect(screen.queryByLabelText('Code service')).not.toBeInTheDocument();
      await nameAttendee(user, 1, 'Léa Dubois', 'lea.dubois@mairie.fr');
      await user.click(screen.getByRole('button', { name: /^Réserver/ }));
      expect(screen.getByLabelText("Numéro d'engagement juridique")).toHaveAccessibleDescription(
        expect.stringContaining(
          "Indiquez le numéro d'engagement juridique : la structure Chorus Pro de votre organisme l'exige.",
        ),
      );
      expect(screen.getByLabelText("Numéro d'engagement juridique")).toBeInvalid();
      expect(post).not.toHaveBeenCalled();
    });

    it('sends the engagement number, trimmed, with the booking', async () => {
      post.mockResolvedValueOnce(answer(201, booked));
      const { user, onBooked } = renderForm(offering(), vi.fn(), requiresEngagement);
      await nameAttendee(user, 1, 'Léa Dubois', 'lea.dubois@mairie.fr');
      await user.type(screen.getByLabelText("Numéro d'engagement juridique"), ' EJ-2027-42 ');
      await user.click(screen.getByRole('button', { name: /^Réserver/ }));
      await vi.waitFor(() => expect(onBooked).toHaveBeenCalledWith(booked));
      expect(post.mock.calls[0][1]).toMatchObject({
        body: { organisationId: 'org-1', engagementNumber: 'EJ-2027-42' },
      });
      expect((post.mock.calls[0][1] as { body: object }).body).not.toHaveProperty('serviceCode');
    });

    it('lets the service code be left blank when the structure has a default, and says which', async () => {
      post.mockResolvedValueOnce(answer(201, booked));
      const { user, onBooked } = renderForm(offering(), vi.fn(), {
        engagementNumberRequired: false,
        serviceCodeRequired: true,
        defaultServiceCode: 'SERV-RH',
      });
      expect(screen.getByLabelText('Code service')).toHaveAccessibleDescription(
        'Le code du service exécutant dans Chorus Pro. Laissé vide : SERV-RH.',
      );
      await nameAttendee(user, 1, 'Léa Dubois', 'lea.dubois@mairie.fr');
      await user.click(screen.getByRole('button', { name: /^Réserver/ }));
      await vi.waitFor(() => expect(onBooked).toHaveBeenCalledWith(booked));
    });

    it('shows the api’s refusal on the field it is about, in French', async () => {
      post.mockResolvedValueOnce(
        answer(422, {
          status: 422,
          code: 'service_code_required',
          title: 'Unprocessable',
          detail: 'the buyer’s Chorus Pro structure requires a service code',
          type: '',
          errors: [{ field: 'serviceCode', message: 'is required by the Chorus Pro structure' }],
        }),
      );
      // The structure came to require a service code after the page was loaded.
      const { user } = renderForm(offering(), vi.fn(), {
        engagementNumberRequired: false,
        serviceCodeRequired: true,
        defaultServiceCode: 'OLD',
      });
      await nameAttendee(user, 1, 'Léa Dubois', 'lea.dubois@mairie.fr');
      await user.click(screen.getByRole('button', { name: /^Réserver/ }));
      await vi.waitFor(() =>
        expect(screen.getByLabelText('Code service')).toHaveAccessibleDescription(
          expect.stringContaining(
            "Indiquez le code service : la structure Chorus Pro de votre organisme l'exige.",
          ),
        ),
      );
    });
  });
});
