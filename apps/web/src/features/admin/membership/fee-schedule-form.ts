import { parseEuros } from '../../../lib/format';
import { centsToEuroInput } from '../membership';
import type {
  CotisationVatTreatment,
  FeeBasis,
  FeeRate,
  FeeSchedule,
  FeeScheduleInput,
  MemberFamily,
} from './types';

/** One line of the grid as the admin types it: budget bounds in euros, headcounts in people. */
export interface RateRow {
  key: number;
  family: MemberFamily;
  basis: FeeBasis;
  lower: string;
  upper: string;
  amount: string;
}

export interface FeeScheduleForm {
  vatTreatment: CotisationVatTreatment;
  firstYearFee: string;
  prorataFrom: string;
  graceUntil: string;
  reminderDays: string;
  finalNoticeDays: string;
  publicBodiesActiveOnApproval: boolean;
  rates: RateRow[];
}

/** Errors by the api's field names (`rates.2.amountCents`), as keys of `membership:fees.errors`. */
export type FeeScheduleErrors = Record<string, string>;

let nextKey = 1;
export function emptyRate(family: MemberFamily = 'association'): RateRow {
  return { key: nextKey++, family, basis: 'headcount', lower: '0', upper: '', amount: '' };
}

function boundText(basis: FeeBasis, value: number | null): string {
  if (value === null) return '';
  return basis === 'budget' ? centsToEuroInput(value) : String(value);
}

/** The form for a year: its stored grid, else the Chambre's usual settings and one empty line. */
export function formFromSchedule(schedule: FeeSchedule | null): FeeScheduleForm {
  if (!schedule) {
    return {
      vatTreatment: 'out_of_scope',
      firstYearFee: '',
      prorataFrom: '',
      graceUntil: '',
      reminderDays: '30, 60',
      finalNoticeDays: '75',
      publicBodiesActiveOnApproval: true,
      rates: [emptyRate()],
    };
  }
  return {
    vatTreatment: schedule.vatTreatment,
    firstYearFee:
      schedule.firstYearFeeCents === null ? '' : centsToEuroInput(schedule.firstYearFeeCents),
    prorataFrom: schedule.prorataFrom ?? '',
    graceUntil: schedule.graceUntil ?? '',
    reminderDays: schedule.reminderDays.join(', '),
    finalNoticeDays: String(schedule.finalNoticeDays),
    publicBodiesActiveOnApproval: schedule.publicBodiesActiveOnApproval,
    rates: schedule.rates.map((rate) => ({
      key: nextKey++,
      family: rate.family,
      basis: rate.basis,
      lower: boundText(rate.basis, rate.lowerBound),
      upper: boundText(rate.basis, rate.upperBound),
      amount: centsToEuroInput(rate.amountCents),
    })),
  };
}

/** A bound typed by the admin: whole people, or euros to cents; null when empty, NaN when wrong. */
function parseBound(basis: FeeBasis, text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (basis === 'headcount') return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  return parseEuros(trimmed) ?? Number.NaN;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The form as the PUT body, or what to correct, by the api's field names. */
export function feeScheduleRequest(
  form: FeeScheduleForm,
  year: number,
): { ok: true; body: FeeScheduleInput } | { ok: false; errors: FeeScheduleErrors } {
  const errors: FeeScheduleErrors = {};

  let firstYearFeeCents: number | null = null;
  if (form.firstYearFee.trim()) {
    firstYearFeeCents = parseEuros(form.firstYearFee);
    if (firstYearFeeCents === null) errors.firstYearFeeCents = 'amountInvalid';
  }
  if (
    form.prorataFrom &&
    (!DATE.test(form.prorataFrom) || !form.prorataFrom.startsWith(`${year}-`))
  )
    errors.prorataFrom = 'dateInYear';
  if (form.graceUntil && !DATE.test(form.graceUntil)) errors.graceUntil = 'dateInvalid';

  const dayTexts = form.reminderDays
    .split(/[\s,;]+/)
    .map((each) => each.trim())
    .filter(Boolean);
  const reminderDays = dayTexts.map(Number);
  if (dayTexts.some((each) => !/^\d+$/.test(each)) || reminderDays.some((day) => day <= 0)) {
    errors.reminderDays = 'daysInvalid';
  } else if (reminderDays.some((day, index) => index > 0 && day <= reminderDays[index - 1])) {
    errors.reminderDays = 'daysAscending';
  }
  const finalNoticeDays = /^\d+$/.test(form.finalNoticeDays.trim())
    ? Number(form.finalNoticeDays.trim())
    : Number.NaN;
  if (!(finalNoticeDays > 0)) errors.finalNoticeDays = 'daysInvalid';
  else if (!errors.reminderDays && reminderDays.some((day) => day >= finalNoticeDays))
    errors.finalNoticeDays = 'finalAfterReminders';

  if (form.rates.length === 0) errors.rates = 'ratesEmpty';
  // One parsed line per row (null where the row has an error), so indexes stay the rows'.
  const parsed: (FeeRate | null)[] = form.rates.map((row, index) => {
    const field = (name: string) => `rates.${index}.${name}`;
    const lower = parseBound(row.basis, row.lower);
    const upper = parseBound(row.basis, row.upper);
    const amount = parseEuros(row.amount);
    let valid = true;
    if (lower === null || Number.isNaN(lower)) {
      errors[field('lowerBound')] = 'boundInvalid';
      valid = false;
    }
    if (upper !== null && Number.isNaN(upper)) {
      errors[field('upperBound')] = 'boundInvalid';
      valid = false;
    } else if (upper !== null && lower !== null && upper <= lower) {
      errors[field('upperBound')] = 'upperAboveLower';
      valid = false;
    }
    if (amount === null) {
      errors[field('amountCents')] = 'amountInvalid';
      valid = false;
    }
    if (!valid || lower === null || amount === null) return null;
    return {
      family: row.family,
      basis: row.basis,
      lowerBound: lower,
      upperBound: upper,
      amountCents: amount,
    };
  });

  // Two brackets of one family and basis never overlap: a size has one fee.
  parsed.forEach((mine, index) => {
    if (!mine) return;
    const clash = parsed.some(
      (other, otherIndex) =>
        other !== null &&
        otherIndex !== index &&
        other.family === mine.family &&
        other.basis === mine.basis &&
        mine.lowerBound < (other.upperBound ?? Infinity) &&
        other.lowerBound < (mine.upperBound ?? Infinity),
    );
    if (clash) errors[`rates.${index}.lowerBound`] = 'overlap';
  });
  const rates = parsed.filter((rate): rate is FeeRate => rate !== null);

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      vatTreatment: form.vatTreatment,
      firstYearFeeCents,
      prorataFrom: form.prorataFrom || null,
      graceUntil: form.graceUntil || null,
      reminderDays,
      finalNoticeDays,
      publicBodiesActiveOnApproval: form.publicBodiesActiveOnApproval,
      rates,
    },
  };
}
