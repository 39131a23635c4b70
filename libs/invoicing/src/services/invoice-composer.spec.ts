import type { BillingIdentity } from '@mutualis/identity';
import { buyerOf, paymentMeansOf, serviceDays, withoutServiceMoment } from './invoice-composer';

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
