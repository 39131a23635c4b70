import { describe, expect, it } from 'vitest';
import { bankDetailsOf, formatIban } from './bank-details';
import { invoiceBadge } from './status';

describe('bankDetailsOf', () => {
  it('reads the Chambre’s bank details from the seller printed on the invoice', () => {
    expect(
      bankDetailsOf({
        seller: { name: 'CRESS PACA', iban: 'FR7630001007941234567890185', bic: 'BDFEFRPPXXX' },
      }),
    ).toEqual({ name: 'CRESS PACA', iban: 'FR7630001007941234567890185', bic: 'BDFEFRPPXXX' });
  });

  it('answers nothing when the seller lacks them', () => {
    expect(bankDetailsOf({ seller: { name: 'CRESS PACA' } })).toBeNull();
  });
});

describe('formatIban', () => {
  it('groups an IBAN by four, as banks print it', () => {
    expect(formatIban('fr76 30001007941234567890185')).toBe('FR76 3000 1007 9412 3456 7890 185');
  });
});

describe('invoiceBadge', () => {
  it('puts overdue first, then the status; a credit note is never "to pay"', () => {
    expect(invoiceBadge({ status: 'issued', overdue: true, type: 'invoice' }).key).toBe(
      'invoiceStatus.overdue',
    );
    expect(invoiceBadge({ status: 'issued', overdue: false, type: 'invoice' }).key).toBe(
      'invoiceStatus.issued',
    );
    expect(invoiceBadge({ status: 'issued', overdue: false, type: 'credit_note' }).key).toBe(
      'invoiceStatus.creditNoteIssued',
    );
    expect(invoiceBadge({ status: 'paid', overdue: false, type: 'invoice' }).key).toBe(
      'invoiceStatus.paid',
    );
    expect(invoiceBadge({ status: 'partially_paid', overdue: false, type: 'invoice' }).key).toBe(
      'invoiceStatus.partially_paid',
    );
  });
});
