import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { estimatePrice } from '../../../lib/price';
import { PriceDisplay } from './PriceDisplay';

// The price as read aloud, term after value; Intl's no-break spaces compared as plain spaces.
const text = (container: HTMLElement) => container.textContent.replace(/[\u00a0\u202f]/g, ' ');

describe('PriceDisplay', () => {
  it('shows 20 % VAT on a standard-rate service', () => {
    const { container } = render(
      <PriceDisplay
        price={estimatePrice(9_000, 2, 'standard', true)}
        memberPrice
        vatTreatment="standard"
      />,
    );
    expect(text(container)).toBe(
      'Prix unitaire HT90,00 € Tarif adhérentPlaces2Total HT180,00 €TVA 20 %36,00 €Total TTC216,00 €',
    );
  });

  it('shows the exemption of training instead of a VAT amount', () => {
    const { container } = render(
      <PriceDisplay
        price={estimatePrice(34_000, 2, 'exempt_training', true)}
        memberPrice={false}
        vatTreatment="exempt_training"
      />,
    );
    expect(text(container)).toBe(
      'Prix unitaire HT340,00 € Tarif non adhérentPlaces2Total HT680,00 €TVAExonérée (formation, art. 261, 4, 4° a du CGI)Total TTC680,00 €',
    );
  });

  it('says a service outside VAT is not subject to it', () => {
    const { container } = render(
      <PriceDisplay
        price={estimatePrice(6_000, 1, 'not_subject', true)}
        memberPrice
        vatTreatment="not_subject"
      />,
    );
    expect(text(container)).toContain('TVANon soumis à la TVATotal TTC60,00 €');
  });
});
