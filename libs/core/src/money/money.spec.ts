import { Money } from './money';

describe('Money', () => {
  it('refuses fractional cents and amounts beyond 2^53', () => {
    expect(() => Money.ofCents(10.5)).toThrow(RangeError);
    expect(() => Money.ofCents(2 ** 53)).toThrow(RangeError);
  });

  it('adds, subtracts and multiplies in integer cents', () => {
    const price = Money.ofCents(12_345);
    expect(price.times(3).plus(Money.ofCents(5)).minus(Money.ofCents(40)).cents).toBe(37_000);
    expect(Money.sum([Money.ofCents(1), Money.ofCents(2), Money.ofCents(3)]).cents).toBe(6);
  });

  it('rounds VAT half-up, away from zero for credit notes', () => {
    // 20 % of 0.125 € is 0.025 €: half a cent rounds up to 3 cents.
    expect(Money.ofCents(1_250).percentage(2_000).cents).toBe(250);
    expect(Money.ofCents(13).percentage(2_000).cents).toBe(3); // 2.6 -> 3
    expect(Money.ofCents(12).percentage(2_000).cents).toBe(2); // 2.4 -> 2
    expect(Money.ofCents(125).percentage(1_000).cents).toBe(13); // 12.5 -> 13
    expect(Money.ofCents(-125).percentage(1_000).cents).toBe(-13);
    expect(Money.ofCents(999_999_999_999).percentage(550).cents).toBe(55_000_000_000);
  });

  it('formats for people without ever storing a float', () => {
    expect(Money.ofCents(123_450).format().replace(/\s/g, ' ')).toBe('1 234,50 €');
  });
});
