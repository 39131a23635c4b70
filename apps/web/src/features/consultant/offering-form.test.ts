import { describe, expect, it } from 'vitest';
import {
  centsToEuroText,
  emptyOfferingForm,
  formToOfferingInput,
  offeringToForm,
  type OfferingFormValues,
} from './offering-form';
import type { Offering } from './types';

const filled: OfferingFormValues = {
  ...emptyOfferingForm(),
  title: '  Paie associative  ',
  summary: 'Les bases de la paie.',
  description: '## Programme',
  categorySlug: 'formation',
  departments: ['83', '13'],
  durationMinutes: '420',
  memberPrice: '180',
  nonMemberPrice: '1 260,50 €',
  maxSeatsPerOrganisation: '3',
};

const offering: Offering = {
  id: '7a4f6a3e-0000-4000-8000-000000000001',
  title: 'Paie associative',
  summary: 'Les bases de la paie.',
  description: '## Programme',
  categorySlug: 'formation',
  kind: 'training',
  deliveryMode: 'hybrid',
  departments: ['13', '83'],
  durationMinutes: 420,
  memberPriceCents: 18000,
  nonMemberPriceCents: 26005,
  currency: 'EUR',
  vatTreatment: 'exempt_training',
  cancellationPolicy: { tiers: [{ daysBefore: 10, refundPercent: 80 }] },
  maxSeatsPerOrganisation: null,
  pedagogy: { objectives: ['Établir une fiche de paie'], prerequisites: 'Aucun' },
  status: 'rejected',
  rejectionReason: 'Précisez le public.',
  consultantId: '7a4f6a3e-0000-4000-8000-000000000002',
  publishedAt: null,
  createdAt: '2027-01-01T10:00:00Z',
  updatedAt: '2027-01-02T10:00:00Z',
};

describe('offering form ↔ api', () => {
  it('never sends a VAT regime: the Chambre decides it', () => {
    expect(formToOfferingInput(filled).input).not.toHaveProperty('vatTreatment');
    expect(offeringToForm(offering)).not.toHaveProperty('vatTreatment');
  });

  it('sends prices typed in euros as integer cents, and every field of the offering', () => {
    const result = formToOfferingInput(filled);
    expect(result.errors).toBeUndefined();
    expect(result.input).toEqual({
      title: 'Paie associative',
      summary: 'Les bases de la paie.',
      description: '## Programme',
      categorySlug: 'formation',
      kind: 'training',
      deliveryMode: 'on_site',
      departments: ['13', '83'],
      durationMinutes: 420,
      memberPriceCents: 18000,
      nonMemberPriceCents: 126050,
      cancellationPolicy: {
        tiers: [
          { daysBefore: 14, refundPercent: 100 },
          { daysBefore: 7, refundPercent: 50 },
        ],
      },
      maxSeatsPerOrganisation: 3,
      // An empty training content is sent empty: submitting says what is missing.
      pedagogy: {},
    });
  });

  it('sends a training’s pedagogical content, and none for a consultation', () => {
    const training = offeringToForm(offering);
    expect(formToOfferingInput(training).input?.pedagogy).toEqual({
      objectives: ['Établir une fiche de paie'],
      prerequisites: 'Aucun',
    });
    const consultation = formToOfferingInput({ ...training, kind: 'consultation' });
    expect(consultation.input?.pedagogy).toBeNull();
  });

  it('sends no seat limit as null, so that an edit can lift it', () => {
    const result = formToOfferingInput({ ...filled, maxSeatsPerOrganisation: ' ' });
    expect(result.input?.maxSeatsPerOrganisation).toBeNull();
  });

  it("reports what cannot be sent under the api's field paths", () => {
    const result = formToOfferingInput({
      ...filled,
      memberPrice: '12,345',
      nonMemberPrice: 'deux cents',
      durationMinutes: '7h',
      categorySlug: '',
      departments: [],
      maxSeatsPerOrganisation: '-1',
      tiers: [{ daysBefore: 'x', refundPercent: '50' }],
    });
    expect(Object.keys(result.errors ?? {}).sort()).toEqual([
      'cancellationPolicy.tiers.0.daysBefore',
      'categorySlug',
      'departments',
      'durationMinutes',
      'maxSeatsPerOrganisation',
      'memberPriceCents',
      'nonMemberPriceCents',
    ]);
  });

  it('keeps a département outside the region that an offering already has', () => {
    const result = formToOfferingInput({ ...filled, departments: ['75', '84', '04'] });
    expect(result.input?.departments).toEqual(['04', '84', '75']);
  });

  it('fills the form from an offering, prices back in euros', () => {
    const values = offeringToForm(offering);
    expect(values.memberPrice).toBe('180');
    expect(values.nonMemberPrice).toBe('260,05');
    expect(values.tiers).toEqual([{ daysBefore: '10', refundPercent: '80' }]);
    expect(values.maxSeatsPerOrganisation).toBe('');
    expect(formToOfferingInput(values).input).toMatchObject({
      memberPriceCents: 18000,
      nonMemberPriceCents: 26005,
      deliveryMode: 'hybrid',
      maxSeatsPerOrganisation: null,
    });
  });

  it('writes cents as euros the way people type them', () => {
    expect(centsToEuroText(0)).toBe('0');
    expect(centsToEuroText(5)).toBe('0,05');
    expect(centsToEuroText(126050)).toBe('1260,50');
  });
});
