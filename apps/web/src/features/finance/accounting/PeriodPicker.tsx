import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { accountingYears, monthNames } from './accounting';

/**
 * A month of the books as two selects, fiscal year and month (a `type="month"` input is not
 * offered by every browser). `period` is `YYYY-MM`.
 */
export function PeriodPicker({
  period,
  today,
  onChange,
  error,
}: {
  period: string;
  today: string;
  onChange: (period: string) => void;
  error?: string;
}) {
  const { t, i18n } = useTranslation('finance');
  const [year, month] = period.split('-');
  const names = monthNames(i18n.language);
  return (
    <>
      <Field label={t('periods.year')}>
        {(control) => (
          <select
            {...control}
            value={Number(year)}
            onChange={(event) => onChange(`${event.target.value}-${month}`)}
          >
            {accountingYears(today, Number(year)).map((item) => (
              <option key={item} value={item}>
                {item}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('periods.month')} errorText={error}>
        {(control) => (
          <select
            {...control}
            value={month}
            onChange={(event) => onChange(`${year}-${event.target.value}`)}
          >
            {names.map((name, index) => {
              const value = String(index + 1).padStart(2, '0');
              return (
                <option key={value} value={value}>
                  {name}
                </option>
              );
            })}
          </select>
        )}
      </Field>
    </>
  );
}
