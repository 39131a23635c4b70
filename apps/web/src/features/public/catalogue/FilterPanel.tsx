import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field } from '../../../components/Field';
import { DELIVERY_MODES, PACA_DEPARTMENTS, useDepartmentLabel, type DeliveryMode } from '../labels';
import {
  filtersFromForm,
  formFromFilters,
  type CatalogueFilters,
  type FilterFormErrors,
  usesMoreFilters,
} from './catalogue-filters';

/** Wide enough to show every filter at once (the header's breakpoint). */
function wideScreen(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 50rem)').matches;
}

/**
 * The search form. It starts from the URL's filters (the page remounts it when they change, so
 * the back button also resets what it shows) and applies its filters only on submit.
 */
export function FilterPanel({
  filters,
  onApply,
}: {
  filters: CatalogueFilters;
  onApply: (filters: CatalogueFilters) => void;
}) {
  const { t } = useTranslation('public');
  const departmentLabel = useDepartmentLabel();
  const [form, setForm] = useState(() => formFromFilters(filters));
  const [errors, setErrors] = useState<FilterFormErrors>({});
  // On a phone the filters beyond the keywords fold away, so that results show on the first
  // screen; they stay open while one of them is in use.
  const [moreOpen] = useState(() => usesMoreFilters(filters) || wideScreen());

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = filtersFromForm(form, filters.category);
    if (result.errors) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    onApply(result.filters);
  }

  return (
    <form
      role="search"
      aria-label={t('catalogue.searchLabel')}
      className="card"
      onSubmit={submit}
      noValidate
    >
      <Field label={t('catalogue.q')} hint={t('catalogue.qHint')}>
        {(control) => (
          <input
            {...control}
            type="search"
            value={form.q}
            onChange={(event) => setForm({ ...form, q: event.target.value })}
          />
        )}
      </Field>
      <details open={moreOpen} className="more-filters">
        <summary>{t('catalogue.moreFilters')}</summary>
        <div className="filter-fields">
          <Field label={t('catalogue.department')}>
            {(control) => (
              <select
                {...control}
                value={form.department}
                onChange={(event) => setForm({ ...form, department: event.target.value })}
              >
                <option value="">{t('catalogue.anyDepartment')}</option>
                {PACA_DEPARTMENTS.map((code) => (
                  <option key={code} value={code}>
                    {departmentLabel(code)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('catalogue.mode')}>
            {(control) => (
              <select
                {...control}
                value={form.mode}
                onChange={(event) =>
                  setForm({ ...form, mode: event.target.value as DeliveryMode | '' })
                }
              >
                <option value="">{t('catalogue.anyMode')}</option>
                {DELIVERY_MODES.map((mode) => (
                  <option key={mode} value={mode}>
                    {t(`modes.${mode}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('catalogue.from')}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={form.from}
                onChange={(event) => setForm({ ...form, from: event.target.value })}
              />
            )}
          </Field>
          <Field label={t('catalogue.to')} error={errors.to}>
            {(control) => (
              <input
                {...control}
                type="date"
                min={form.from || undefined}
                value={form.to}
                onChange={(event) => setForm({ ...form, to: event.target.value })}
              />
            )}
          </Field>
          <Field
            label={t('catalogue.maxPrice')}
            hint={t('catalogue.maxPriceHint')}
            error={errors.maxPrice}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                inputMode="decimal"
                value={form.maxPrice}
                onChange={(event) => setForm({ ...form, maxPrice: event.target.value })}
              />
            )}
          </Field>
        </div>
        <label className="checkbox-label">
          <input
            type="checkbox"
            checked={form.available}
            onChange={(event) => setForm({ ...form, available: event.target.checked })}
          />
          {t('catalogue.available')}
        </label>
      </details>
      <div className="row">
        <button type="submit" className="button">
          {t('actions.search', { ns: 'common' })}
        </button>
        <Link to="/">{t('catalogue.clear')}</Link>
      </div>
    </form>
  );
}
