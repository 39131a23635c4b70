import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';

export type VatRegime = components['schemas']['VatRegimeDto'];
export type VatRegimeCode = VatRegime['code'];

/** The closed list of VAT regimes with their legal basis (GET /api/vat-regimes): static, cached. */
export function useVatRegimes() {
  return useQuery({
    queryKey: ['vat-regimes'],
    queryFn: async () => unwrap(await api.GET('/api/vat-regimes')),
    staleTime: Infinity,
  });
}

/** A regime's name in the reader's language, and its legal basis once the list has loaded. */
export function useVatRegimeText(): (code: VatRegimeCode) => string {
  const { t } = useTranslation();
  const { data } = useVatRegimes();
  return (code) => {
    const basis = data?.find((regime) => regime.code === code)?.legalBasis;
    const label = t(`vatRegime.${code}`);
    return basis ? `${label} (${basis})` : label;
  };
}

/** A regime shown read-only: its name and the article that grounds it. */
export function VatRegimeText({ code }: { code: VatRegimeCode }) {
  const text = useVatRegimeText();
  return <>{text(code)}</>;
}
