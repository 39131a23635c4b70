import type { BillingIdentity } from '@mutualis/identity';
import type { Chambre } from '../entities/chambre.entity';
import {
  buyerOf,
  InvoiceComposer,
  MembershipCharge,
  paymentMeansOf,
  serviceDays,
  withoutServiceMoment,
} from './invoice-composer';

describe('the days a service covers, in Paris', () => {
  it('is one day for a session within a day', () => {
    expect(serviceDays(new Date('2027-01-12T08:30:00Z'), new Date('2027-01-12T16:00:00Z'))).toEqual(
      { serviceDate: '2027-01-12', serviceEndDate: null },
    );
  });

  it('runs from the first to the last day of a session over several days', () => {
    expect(serviceDays(new Date('2027-01-12T08:30:00Z'), new Date('2027-01-14T16:00:00Z'))).toEqual(
      { serviceDate: '2027-01-12', serviceEndDate: '2027-01-14' },
    );
  });

  it('counts days in Paris, not in UTC', () => {
    // 23:30 UTC on 11 January is 00:30 on the 12th in Paris; 22:30 UTC on the 13th is 23:30.
    expect(serviceDays(new Date('2027-01-11T23:30:00Z'), new Date('2027-01-13T22:30:00Z'))).toEqual(
      { serviceDate: '2027-01-12', serviceEndDate: '2027-01-13' },
    );
    // 22:30 UTC on 14 July is already the 15th in Paris (UTC+2).
    expect(serviceDays(new Date('2027-07-13T07:00:00Z'), new Date('2027-07-14T22:30:00Z'))).toEqual(
      { serviceDate: '2027-07-13', serviceEndDate: '2027-07-15' },
    );
  });

  it('ends a session that ends at midnight on the day before', () => {
    // Midnight in Paris on 15 January is 23:00 UTC on the 14th.
    expect(serviceDays(new Date('2027-01-13T08:00:00Z'), new Date('2027-01-14T23:00:00Z'))).toEqual(
      { serviceDate: '2027-01-13', serviceEndDate: '2027-01-14' },
    );
    expect(serviceDays(new Date('2027-01-13T20:00:00Z'), new Date('2027-01-13T23:00:00Z'))).toEqual(
      { serviceDate: '2027-01-13', serviceEndDate: null },
    );
  });
});

describe('how a booking’s invoice is paid', () => {
  it('follows how the booking was confirmed; a free booking names no means', () => {
    expect(paymentMeansOf('card')).toBe('card');
    expect(paymentMeansOf('administrative_mandate')).toBe('administrative_mandate');
    expect(paymentMeansOf('free')).toBeNull();
    expect(paymentMeansOf(null)).toBeNull();
  });
});

describe('the lines of a cancelled service', () => {
  it('lose the line of when and where the service was to be, and keep the rest', () => {
    const description = [
      'Formation « Gouvernance » (tarif adhérent)',
      'Le 12/01/2027 à 09:30 — Toulouse',
      'Participants : Anaïs, Le Du',
    ].join('\n');
    expect(withoutServiceMoment(description)).toBe(
      'Formation « Gouvernance » (tarif adhérent)\nParticipants : Anaïs, Le Du',
    );
    expect(
      withoutServiceMoment(
        'Atelier\nDu 12/01/2027 à 09:30 au 14/01/2027 à 17:00\nParticipants : X',
      ),
    ).toBe('Atelier\nParticipants : X');
  });
});

describe('the buyer an invoice names', () => {
  const identity: BillingIdentity = {
    organisationId: 'organisation',
    legalName: 'Commune de Lourmarin',
    addressLines: ['Place de la Mairie', '84160 Lourmarin'],
    postalCode: '84160',
    siret: '21840068400015',
    rna: null,
    vatNumber: null,
    billingEmail: 'finances@lourmarin.fr',
    isPublicBody: true,
    vatRegistered: false,
    chorusStructure: {
      structureSiret: '21840068400023',
      serviceCodeRequired: true,
      engagementNumberRequired: true,
      defaultServiceCode: 'SERV-RH',
    },
    address: {
      line1: 'Place de la Mairie',
      line2: null,
      postalCode: '84160',
      city: 'Lourmarin',
      countryCode: 'FR',
    },
  };

  it('names a public body’s Chorus structure with the references its booking carries', () => {
    const buyer = buyerOf(identity, { engagementNumber: 'EJ-42', serviceCode: 'SERV-DSI' });
    expect(buyer).toMatchObject({
      publicBody: true,
      vatRegistered: false,
      publicProcurement: {
        structureSiret: '21840068400023',
        engagementNumber: 'EJ-42',
        serviceCode: 'SERV-DSI',
      },
    });
  });

  it('names no Chorus structure for another buyer, and says whether it is VAT-registered', () => {
    const buyer = buyerOf({
      ...identity,
      isPublicBody: false,
      vatRegistered: true,
      chorusStructure: null,
    });
    expect(buyer).toMatchObject({
      publicBody: false,
      vatRegistered: true,
      publicProcurement: null,
    });
  });
});

describe('a membership invoice’s content', () => {
  const chambre = {
    id: 'chambre',
    legalName: 'CRESS Provence-Alpes-Côte d’Azur',
    addressLine1: '2 place Sadi Carnot',
    addressLine2: null,
    postalCode: '13002',
    city: 'Marseille',
    country: 'FR',
    siret: '35600000000048',
    vatNumber: 'FR32356000000',
    vatRegime: 'standard',
    vatOnDebits: false,
    trainingDeclarationNumber: '93131234513',
    iban: 'FR7630006000011234567890189',
    bic: 'AGRIFRPP',
    latePaymentRate: 'trois fois le taux d’intérêt légal',
    paymentTermsDays: 30,
    email: null,
    phone: null,
    logoPath: null,
    configured: true,
  } as Chambre;
  const association: BillingIdentity = {
    organisationId: 'organisation',
    legalName: 'Association Les Amis',
    addressLines: ['1 rue de la Paix', '13001 Marseille'],
    postalCode: '13001',
    siret: '93123456700014',
    rna: null,
    vatNumber: 'FR12931234567',
    billingEmail: 'tresorier@amis.fr',
    isPublicBody: false,
    vatRegistered: true,
    chorusStructure: null,
    address: {
      line1: '1 rue de la Paix',
      line2: null,
      postalCode: '13001',
      city: 'Marseille',
      countryCode: 'FR',
    },
  };
  const charge: MembershipCharge = {
    membershipId: 'membership',
    organisationId: 'organisation',
    year: 2027,
    description: 'Cotisation 2027 — association, 10 à 49 salariés',
    amountCents: 45_000,
    vatTreatment: 'out_of_scope',
  };
  const composer = new InvoiceComposer();

  it('is one line for the calendar year, out of scope with its mention, and no VAT identifier (BR-O-02)', () => {
    const { draft, lines } = composer.forMembership(charge, chambre, association);
    expect(draft).toMatchObject({
      type: 'invoice',
      membershipId: 'membership',
      bookingId: null,
      serviceDate: '2027-01-01',
      serviceEndDate: '2027-12-31',
      paymentMeans: null,
      totalExclVatCents: 45_000,
      totalVatCents: 0,
      totalInclVatCents: 45_000,
    });
    expect(draft.seller).toMatchObject({ vatNumber: null, trainingDeclarationNumber: null });
    expect(draft.buyer.vatNumber).toBeNull();
    expect(lines).toEqual([
      expect.objectContaining({
        quantity: 1,
        unitPriceExclVatCents: 45_000,
        vatRegime: 'out_of_scope_membership',
        vatCategory: 'O',
        vatexCode: 'VATEX-EU-O',
        exemptionReason: expect.stringContaining('art. 256 du CGI'),
      }),
    ]);
  });

  it('is taxed at 20 % when the fee schedule says taxable, and under the franchise when the Chambre is', () => {
    const taxable = composer.forMembership(
      { ...charge, vatTreatment: 'taxable' },
      chambre,
      association,
    );
    expect(taxable.draft).toMatchObject({ totalVatCents: 9_000, totalInclVatCents: 54_000 });
    expect(taxable.draft.seller.vatNumber).toBe('FR32356000000');
    expect(taxable.lines[0]).toMatchObject({ vatRegime: 'standard', vatRateBasisPoints: 2000 });
    const franchise = composer.forMembership(
      { ...charge, vatTreatment: 'taxable' },
      { ...chambre, vatRegime: 'franchise' },
      association,
    );
    expect(franchise.lines[0]).toMatchObject({ vatRegime: 'franchise', vatCategory: 'E' });
  });

  it('is paid on the administrative mandate by a public body, to its structure’s default service', () => {
    const { draft } = composer.forMembership(charge, chambre, {
      ...association,
      isPublicBody: true,
      vatRegistered: false,
      chorusStructure: {
        structureSiret: '21840068400023',
        serviceCodeRequired: true,
        engagementNumberRequired: false,
        defaultServiceCode: 'SERV-RH',
      },
    });
    expect(draft.paymentMeans).toBe('administrative_mandate');
    expect(draft.buyer.publicProcurement).toEqual({
      structureSiret: '21840068400023',
      serviceCode: 'SERV-RH',
      engagementNumber: null,
    });
  });
});
