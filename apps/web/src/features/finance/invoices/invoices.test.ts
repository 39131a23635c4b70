import { describe, expect, it } from 'vitest';
import {
  creditNoteRequest,
  filtersFromSearch,
  filtersToSearch,
  invoiceQuery,
  NO_FILTERS,
} from './invoices';

describe('invoiceQuery', () => {
  it('sends only the filters that are set', () => {
    expect(invoiceQuery(NO_FILTERS)).toEqual({});
    expect(
      invoiceQuery({ ...NO_FILTERS, status: 'issued', overdue: true, from: '2026-01-01' }),
    ).toEqual({ status: ['issued'], overdue: true, from: '2026-01-01' });
  });

  it('keeps the filters in the address and reads them back, ignoring unknown statuses', () => {
    const filters = { ...NO_FILTERS, status: 'paid' as const, overdue: true, to: '2026-12-31' };
    const search = new URLSearchParams(filtersToSearch(filters));
    expect(search.toString()).toBe('status=paid&overdue=true&to=2026-12-31');
    expect(filtersFromSearch(search)).toEqual(filters);
    expect(filtersFromSearch(new URLSearchParams('status=bogus')).status).toBe('');
  });
});

describe('creditNoteRequest', () => {
  it('turns euros into cents and trims the reason', () => {
    expect(creditNoteRequest('90,50', '  Demi-journée écourtée ', 12000)).toEqual({
      body: { amountCents: 9050, reason: 'Demi-journée écourtée' },
    });
  });

  it('requires an amount and a reason', () => {
    expect(creditNoteRequest('', ' ', 12000)).toEqual({
      errors: {
        amountCents: 'creditNote.errors.amountRequired',
        reason: 'creditNote.errors.reasonRequired',
      },
    });
  });

  it('refuses an amount that is not one, or more than the invoice can be credited', () => {
    expect(creditNoteRequest('dix', 'x', 12000)).toEqual({
      errors: { amountCents: 'creditNote.errors.amountInvalid' },
    });
    expect(creditNoteRequest('120,01', 'x', 12000)).toEqual({
      errors: { amountCents: 'creditNote.errors.amountTooLarge' },
    });
  });
});
