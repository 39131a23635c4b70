import { useTranslation } from 'react-i18next';
import { Money } from '../../../components/Money';
import type { PriceEstimate, VatTreatment } from '../../../lib/price';
import { StatusBadge } from '../../../components/StatusBadge';

interface PriceDisplayProps {
  /** An estimate before booking, or the price a booking snapshotted (same fields). */
  price: PriceEstimate;
  memberPrice: boolean;
  vatTreatment: VatTreatment;
  /** Announce changes (the price follows the number of attendees while the form is filled). */
  live?: boolean;
}

/** Unit price (member or not), seats, total excl. VAT, VAT or its exemption, total incl. VAT. */
export function PriceDisplay({
  price,
  memberPrice,
  vatTreatment,
  live = false,
}: PriceDisplayProps) {
  const { t } = useTranslation('member');
  return (
    <dl className="facts price-display" aria-live={live ? 'polite' : undefined}>
      <dt>{t('price.unit')}</dt>
      <dd>
        <Money cents={price.unitPriceCents} />{' '}
        <StatusBadge tone={memberPrice ? 'ok' : 'neutral'}>
          {memberPrice ? t('price.memberPrice') : t('price.nonMemberPrice')}
        </StatusBadge>
      </dd>
      <dt>{t('price.seats')}</dt>
      <dd>{price.seats}</dd>
      <dt>{t('price.totalExclVat')}</dt>
      <dd>
        <Money cents={price.totalExclVatCents} />
      </dd>
      <dt>
        {vatTreatment === 'standard'
          ? t('price.vatRate', { rate: price.vatRateBasisPoints / 100 })
          : t('price.vat')}
      </dt>
      <dd>
        {vatTreatment === 'standard' ? (
          <Money cents={price.totalVatCents} />
        ) : (
          t(`price.vatTreatment.${vatTreatment}`)
        )}
      </dd>
      <dt>{t('price.totalInclVat')}</dt>
      <dd>
        <strong>
          <Money cents={price.totalInclVatCents} />
        </strong>
      </dd>
    </dl>
  );
}
