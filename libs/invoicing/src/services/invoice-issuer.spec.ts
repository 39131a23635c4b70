import { addDays, formatInvoiceNumber, settledStatus } from './invoice-issuer';

describe('invoice numbering and status', () => {
  it('formats numbers per series and year on six digits', () => {
    expect(formatInvoiceNumber('F', 2026, 42)).toBe('F-2026-000042');
    expect(formatInvoiceNumber('AV', 2027, 7)).toBe('AV-2027-000007');
  });

  it('counts due dates in calendar days, across months and leap years', () => {
    expect(addDays('2026-12-15', 30)).toBe('2027-01-14');
    expect(addDays('2028-02-10', 30)).toBe('2028-03-11');
  });

  it('settles an invoice from its payments and credit notes', () => {
    const total = { totalInclVatCents: 10_000 };
    expect(settledStatus({ ...total, amountPaidCents: 0, amountCreditedCents: 0 })).toBe('issued');
    expect(settledStatus({ ...total, amountPaidCents: 4_000, amountCreditedCents: 0 })).toBe(
      'partially_paid',
    );
    expect(settledStatus({ ...total, amountPaidCents: 5_000, amountCreditedCents: 5_000 })).toBe(
      'paid',
    );
    expect(settledStatus({ ...total, amountPaidCents: 0, amountCreditedCents: 10_000 })).toBe(
      'cancelled',
    );
    expect(settledStatus({ ...total, amountPaidCents: 0, amountCreditedCents: 5_000 })).toBe(
      'issued',
    );
  });
});
