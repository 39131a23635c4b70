import { parseEuros } from '../../../lib/format';
import type { ApplicationInput, MemberFamily } from './types';

/** What the organisation's admin types in the « Adhérer / Renouveler » form. */
export interface ApplyForm {
  year: number;
  family: MemberFamily | '';
  headcount: string;
  /** Euros, as typed. */
  budget: string;
  contactName: string;
  contactEmail: string;
  acceptCharter: boolean;
}

/** Keys of `membership:apply.errors.*`, by the api's field names. */
export type ApplyErrors = Partial<
  Record<
    'family' | 'headcount' | 'annualBudgetCents' | 'contactName' | 'contactEmail' | 'acceptCharter',
    string
  >
>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The headcount typed, as a whole number; null when empty, NaN when not a number. */
function parseHeadcount(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The form as the api's body, or the errors to say beside each field. */
export function applicationRequest(
  form: ApplyForm,
  charterVersion: number,
): { ok: true; body: ApplicationInput } | { ok: false; errors: ApplyErrors } {
  const errors: ApplyErrors = {};
  const headcount = parseHeadcount(form.headcount);
  const budgetText = form.budget.trim();
  const budget = budgetText === '' ? null : parseEuros(budgetText);
  if (!form.family) errors.family = 'familyMissing';
  if (Number.isNaN(headcount)) errors.headcount = 'headcountInvalid';
  if (budgetText !== '' && budget === null) errors.annualBudgetCents = 'budgetInvalid';
  if (headcount === null && budgetText === '') errors.headcount = 'sizeMissing';
  if (!form.contactName.trim()) errors.contactName = 'contactNameMissing';
  if (!EMAIL.test(form.contactEmail.trim())) errors.contactEmail = 'contactEmailInvalid';
  if (!form.acceptCharter) errors.acceptCharter = 'charterNotAccepted';
  if (Object.keys(errors).length > 0 || !form.family) return { ok: false, errors };
  return {
    ok: true,
    body: {
      year: form.year,
      family: form.family,
      ...(headcount !== null ? { headcount } : {}),
      ...(budget !== null ? { annualBudgetCents: budget } : {}),
      contactName: form.contactName.trim(),
      contactEmail: form.contactEmail.trim(),
      charterVersion,
      acceptCharter: true,
    },
  };
}
