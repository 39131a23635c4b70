import { useTranslation } from 'react-i18next';
import { Money } from '../../../components/Money';
import type { Price } from '../types';
import type { VatTreatment } from '../../../lib/price';

/**
 * The caller's price per seat excluding VAT, saying whether it is the member price; a visitor
 * or a non-member also sees what members pay, which is the point of joining.
 */
export function PriceLine({
  price,
  memberPriceCents,
  vatTreatment,
}: {
  price: Price;
  memberPriceCents: number;
  vatTreatment: VatTreatment;
}) {
  const { t } = useTranslation('public');
  return (
    <>
      <Money cents={price.unitPriceCents} /> {t('money.exclVat', { ns: 'common' })}{' '}
      <span className="muted">
        ({price.memberPrice ? t('price.memberRate') : t('price.nonMemberRate')}
        {vatTreatment === 'standard' ? '' : `, ${t(`vat.short.${vatTreatment}`)}`})
      </span>
      {!price.memberPrice && memberPriceCents < price.unitPriceCents ? (
        <>
          <br />
          <span className="muted">
            {t('price.membersPay')} <Money cents={memberPriceCents} />{' '}
            {t('money.exclVat', { ns: 'common' })}
          </span>
        </>
      ) : null}
    </>
  );
}
