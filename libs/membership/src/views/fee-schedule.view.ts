import { cotisationVatMention } from '../domain/vat-mention';
import type { FeeRate } from '../entities/fee-rate.entity';
import type { FeeSchedule } from '../entities/fee-schedule.entity';
import type { CotisationVatTreatment, FeeBasis, MemberFamily } from '../membership.types';

export interface FeeRateView {
  family: MemberFamily;
  basis: FeeBasis;
  lowerBound: number;
  upperBound: number | null;
  amountCents: number;
}

/** A year's grid as the api shows it, with the VAT mention its invoices print. */
export interface FeeScheduleView {
  year: number;
  vatTreatment: CotisationVatTreatment;
  vatMention: string;
  firstYearFeeCents: number | null;
  prorataFrom: string | null;
  graceUntil: string | null;
  reminderDays: number[];
  finalNoticeDays: number;
  publicBodiesActiveOnApproval: boolean;
  rates: FeeRateView[];
  updatedAt: string;
}

export function presentRate(rate: FeeRate): FeeRateView {
  return {
    family: rate.family,
    basis: rate.basis,
    lowerBound: rate.lowerBound,
    upperBound: rate.upperBound,
    amountCents: rate.amountCents,
  };
}

export function presentFeeSchedule(schedule: FeeSchedule & { rates: FeeRate[] }): FeeScheduleView {
  return {
    year: schedule.year,
    vatTreatment: schedule.vatTreatment,
    vatMention: cotisationVatMention(schedule.vatTreatment),
    firstYearFeeCents: schedule.firstYearFeeCents,
    prorataFrom: schedule.prorataFrom,
    graceUntil: schedule.graceUntil,
    reminderDays: schedule.reminderDays,
    finalNoticeDays: schedule.finalNoticeDays,
    publicBodiesActiveOnApproval: schedule.publicBodiesActiveOnApproval,
    rates: schedule.rates.map(presentRate),
    updatedAt: schedule.updatedAt.toISOString(),
  };
}
