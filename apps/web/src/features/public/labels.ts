import { useTranslation } from 'react-i18next';
import type { Category } from './types';

/** The six départements of Provence-Alpes-Côte d'Azur, which the Chambre serves. */
export const PACA_DEPARTMENTS = ['04', '05', '06', '13', '83', '84'] as const;

export const DELIVERY_MODES = ['on_site', 'remote', 'hybrid'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** A category's label in the reader's language. */
export function categoryLabel(
  category: Pick<Category, 'labelFr' | 'labelEn'>,
  language: string,
): string {
  return language.startsWith('en') ? category.labelEn : category.labelFr;
}

/** Whether some départements are the whole region, which reads better than six names. */
export function coversRegion(codes: string[]): boolean {
  return PACA_DEPARTMENTS.every((code) => codes.includes(code));
}

/** "Alpes-Maritimes (06)" for each code, in the reader's language. */
export function useDepartmentLabel() {
  const { t } = useTranslation('public');
  return (code: string) =>
    (PACA_DEPARTMENTS as readonly string[]).includes(code)
      ? t('departments.label', { name: t(`departments.${code}`), code })
      : code;
}

/** The départements an offering serves: "Toute la région" or their names. */
export function useDepartmentsText() {
  const { t } = useTranslation('public');
  const label = useDepartmentLabel();
  return (codes: string[]) =>
    coversRegion(codes) ? t('departments.all') : codes.map(label).join(', ');
}
