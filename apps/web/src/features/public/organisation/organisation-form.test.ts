import { describe, expect, it } from 'vitest';
import type { Organisation } from '../types';
import {
  createOrganisationBody,
  eInvoicingBody,
  eInvoicingFormOf,
  EMPTY_ORGANISATION_FORM,
  withLegalForm,
} from './organisation-form';

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
  it('sends no SIRET for an association known by its RNA number only', () => {
    expect(createOrganisationBody({ ...FILLED, siret: '  ' })).toMatchObject({
      siret: null,
      rna: 'W133012345',
    });
  });

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
      vatRegistered: false,
    });
  });

  it('sends an RNA number for associations only, and a chosen département', () => {
    const body = createOrganisationBody({ ...FILLED, legalForm: 'scop', department: '13' });
    expect(body.rna).toBeNull();
    expect(body.department).toBe('13');
  });
});

describe('whether the organisation is liable to VAT, asked at sign-up', () => {
  it('follows the legal form until the person chooses: an association is not, a SCOP is', () => {
    expect(EMPTY_ORGANISATION_FORM.vatRegistered).toBe(false);
    const scop = withLegalForm(EMPTY_ORGANISATION_FORM, 'scop');
    expect(scop.vatRegistered).toBe(true);
    expect(withLegalForm(scop, 'fondation').vatRegistered).toBe(false);
    expect(createOrganisationBody(scop).vatRegistered).toBe(true);
  });

  it('keeps what the person chose when the legal form changes afterwards', () => {
    const chosen = { ...EMPTY_ORGANISATION_FORM, vatRegistered: true, vatRegisteredChosen: true };
    expect(withLegalForm(chosen, 'association').vatRegistered).toBe(true);
  });
});

describe('the e-invoicing settings sent to the api', () => {
  const publicBody = {
    vatRegistered: false,
    isPublicBody: true,
    chorusStructure: {
      structureSiret: '21840068700016',
      serviceCodeRequired: false,
      engagementNumberRequired: true,
      defaultServiceCode: null,
    },
  } as Organisation;

  it('sends a public body’s Chorus structure, blanks as null (its own SIRET, no default code)', () => {
    const form = {
      ...eInvoicingFormOf(publicBody),
      structureSiret: ' ',
      defaultServiceCode: ' SERV ',
    };
    expect(eInvoicingBody(form, true)).toEqual({
      vatRegistered: false,
      chorusStructure: {
        structureSiret: null,
        serviceCodeRequired: false,
        engagementNumberRequired: true,
        defaultServiceCode: 'SERV',
      },
    });
  });

  it('sends no Chorus structure for another organisation (the api refuses one)', () => {
    const form = eInvoicingFormOf({
      vatRegistered: true,
      isPublicBody: false,
      chorusStructure: null,
    } as Organisation);
    expect(eInvoicingBody(form, false)).toEqual({ vatRegistered: true });
  });
});
