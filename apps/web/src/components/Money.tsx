import { useTranslation } from 'react-i18next';
import { formatMoney } from '../lib/format';

export function Money({ cents }: { cents: number }) {
  const { i18n } = useTranslation();
  return <span className="money">{formatMoney(cents, i18n.language)}</span>;
}
