import { describe, expect, it } from 'vitest';
import { createOrganisationBody, EMPTY_ORGANISATION_FORM } from './organisation-form';

const FILLED = {
  ...EMPTY_ORGANISATION_FORM,
  legalName: '  Les Jardins Partagés du Panier ',
  siret: '732 829 320 00074',
  rna: 'W133012345',
  line1: '12 rue de la République',
  postalCode: '13001',
  city: 'Marseille',
  billingEmail: 'compta@jardins.fr ',
};

describe('the organisation form sent to the api', () => {
  it('trims what was typed, sends blank optional fields as null and lets the api derive the département', () => {
    expect(createOrganisationBody(FILLED)).toEqual({
      legalName: 'Les Jardins Partagés du Panier',
      legalForm: 'association',
      siret: '732 829 320 00074',
      rna: 'W133012345',
      address: {
        line1: '12 rue de la République',
        line2: null,
        postalCode: '13001',
        city: 'Marseille',
        country: 'FR',
      },
      billingEmail: 'compta@jardins.fr',
      vatNumber: null,
      isPublicBody: false,
    });
  });

  it('sends an RNA number for associations only, and a chosen département', () => {
    const body = createOrganisationBody({ ...FILLED, legalForm: 'scop', department: '13' });
    expect(body.rna).toBeNull();
    expect(body.department).toBe('13');
  });
});
