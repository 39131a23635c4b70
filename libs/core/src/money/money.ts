/** ISO 4217 code; the Chambre invoices in euros only. */
export type Currency = 'EUR';

// Building an Intl.NumberFormat costs a fraction of a millisecond, far more than using one, and
// an invoice or a notice formats dozens of amounts: one formatter per locale and currency.
const currencyFormats = new Map<string, Intl.NumberFormat>();

function currencyFormat(locale: string, currency: Currency): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = currencyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    currencyFormats.set(key, format);
  }
  return format;
}

/**
 * An amount of money in integer cents. Arithmetic stays in integers; only formatting
 * divides, and only for display.
 */
export class Money {
  private constructor(
    readonly cents: number,
    readonly currency: Currency = 'EUR',
  ) {}

  static ofCents(cents: number, currency: Currency = 'EUR'): Money {
    if (!Number.isSafeInteger(cents)) {
      throw new RangeError(`Money needs a safe integer number of cents, got ${cents}`);
    }
    return new Money(cents, currency);
  }

  static zero(currency: Currency = 'EUR'): Money {
    return new Money(0, currency);
  }

  static sum(amounts: Money[], currency: Currency = 'EUR'): Money {
    return amounts.reduce((total, amount) => total.plus(amount), Money.zero(currency));
  }

  plus(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.ofCents(this.cents + other.cents, this.currency);
  }

  minus(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.ofCents(this.cents - other.cents, this.currency);
  }

  times(quantity: number): Money {
    if (!Number.isSafeInteger(quantity))
      throw new RangeError(`quantity must be an integer, got ${quantity}`);
    return Money.ofCents(this.cents * quantity, this.currency);
  }

  /**
   * A rate given in basis points (2000 = 20 %) applied with rounding half-up (away from
   * zero for negative amounts, as for credit notes), computed in integers only.
   */
  percentage(basisPoints: number): Money {
    if (!Number.isSafeInteger(basisPoints))
      throw new RangeError(`basis points must be an integer, got ${basisPoints}`);
    const product = BigInt(this.cents) * BigInt(basisPoints);
    const sign = product < 0n ? -1n : 1n;
    const magnitude = product * sign;
    const rounded = (magnitude + 5_000n) / 10_000n;
    return Money.ofCents(Number(rounded * sign), this.currency);
  }

  isZero(): boolean {
    return this.cents === 0;
  }

  isNegative(): boolean {
    return this.cents < 0;
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.cents === other.cents;
  }

  /** For people, in French: `1 234,50 €`. */
  format(locale = 'fr-FR'): string {
    return currencyFormat(locale, this.currency).format(this.cents / 100);
  }

  toJSON(): { cents: number; currency: Currency } {
    return { cents: this.cents, currency: this.currency };
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new TypeError(`Cannot combine ${String(this.currency)} with ${String(other.currency)}`);
    }
  }
}
