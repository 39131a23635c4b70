import { describe, expect, it } from 'vitest';
import { applicationRequest, type ApplyForm } from './apply-form';

const filled: ApplyForm = {
  year: 2027,
  family: 'association',
  headcount: '12',
  budget: '',
  contactName: ' Léa Dubois ',
  contactEmail: 'lea@jardins.fr',
  acceptCharter: true,
};

describe('the application form', () => {
  it('sends the profile, the contact and the accepted charter version', () => {
    expect(applicationRequest(filled, 3)).toEqual({
      ok: true,
      body: {
        year: 2027,
        family: 'association',
        headcount: 12,
        contactName: 'Léa Dubois',
        contactEmail: 'lea@jardins.fr',
        charterVersion: 3,
        acceptCharter: true,
      },
    });
  });

  it('takes the budget in euros as cents', () => {
    const result = applicationRequest({ ...filled, headcount: '', budget: '120 000,50' }, 1);
    expect(result).toMatchObject({ ok: true, body: { annualBudgetCents: 12_000_050 } });
    expect(result.ok && 'headcount' in result.body).toBe(false);
  });

  it('refuses without the charter accepted, a family, a size or a valid contact', () => {
    expect(
      applicationRequest(
        {
          ...filled,
          family: '',
          headcount: '',
          contactName: ' ',
          contactEmail: 'lea@',
          acceptCharter: false,
        },
        1,
      ),
    ).toEqual({
      ok: false,
      errors: {
        family: 'familyMissing',
        headcount: 'sizeMissing',
        contactName: 'contactNameMissing',
        contactEmail: 'contactEmailInvalid',
        acceptCharter: 'charterNotAccepted',
      },
    });
    expect(applicationRequest({ ...filled, headcount: '12,5', budget: 'beaucoup' }, 1)).toEqual({
      ok: false,
      errors: { headcount: 'headcountInvalid', annualBudgetCents: 'budgetInvalid' },
    });
  });
});
