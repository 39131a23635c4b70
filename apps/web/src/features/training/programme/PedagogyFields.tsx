import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import type { PedagogyFormValues } from './pedagogy-form';

interface PedagogyFieldsProps {
  values: PedagogyFormValues;
  /** Field errors under the api's keys (`pedagogy.objectives`, `pedagogy.modules[0].title`…). */
  errors: Record<string, string>;
  readOnly: boolean;
  onChange: (values: PedagogyFormValues) => void;
}

const MAX_MODULES = 30;

/** The fields typed as one text. */
type TextKey = Exclude<keyof PedagogyFormValues, 'modules'>;

/**
 * What a training states (R6353-1, Qualiopi indicators 1–7), in the consultant's offering form:
 * every field may stay blank while drafting; submitting for moderation requires them all but
 * « what to bring ».
 */
export function PedagogyFields({ values, errors, readOnly, onChange }: PedagogyFieldsProps) {
  const { t } = useTranslation('trainingProgramme');
  const set = <K extends keyof PedagogyFormValues>(key: K, value: PedagogyFormValues[K]) =>
    onChange({ ...values, [key]: value });
  const setModule = (index: number, key: 'title' | 'content', value: string) =>
    set(
      'modules',
      values.modules.map((module, at) => (at === index ? { ...module, [key]: value } : module)),
    );
  const error = (key: string) => errors[`pedagogy.${key}`];

  const textArea = (key: TextKey, rows = 3) => (
    <Field label={t(`fields.${key}`)} hint={t(`hints.${key}`)} error={error(key)}>
      {(control) => (
        <textarea
          {...control}
          rows={rows}
          maxLength={2000}
          value={values[key]}
          onChange={(event) => set(key, event.target.value)}
        />
      )}
    </Field>
  );

  return (
    <fieldset className="consultant-plain">
      <legend>{t('legend')}</legend>
      <p className="hint">{t('intro')}</p>
      {textArea('objectives', 4)}
      {textArea('audience')}
      {textArea('prerequisites', 2)}
      <fieldset>
        <legend>{t('fields.modules')}</legend>
        {error('modules') ? (
          <p className="field-error" role="alert">
            {t('moduleRequired')}
          </p>
        ) : null}
        {values.modules.map((module, index) => (
          <div key={index} className="consultant-tier">
            <Field
              label={t('fields.moduleTitle', { n: index + 1 })}
              error={error(`modules[${index}].title`)}
            >
              {(control) => (
                <input
                  {...control}
                  maxLength={200}
                  value={module.title}
                  onChange={(event) => setModule(index, 'title', event.target.value)}
                />
              )}
            </Field>
            <Field
              label={t('fields.moduleContent', { n: index + 1 })}
              error={error(`modules[${index}].content`)}
            >
              {(control) => (
                <textarea
                  {...control}
                  rows={2}
                  maxLength={4000}
                  value={module.content}
                  onChange={(event) => setModule(index, 'content', event.target.value)}
                />
              )}
            </Field>
            {readOnly || values.modules.length <= 1 ? null : (
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() =>
                  set(
                    'modules',
                    values.modules.filter((_, at) => at !== index),
                  )
                }
              >
                {t('removeModule', { n: index + 1 })}
              </button>
            )}
          </div>
        ))}
        {readOnly ? null : (
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={values.modules.length >= MAX_MODULES}
            onClick={() => set('modules', [...values.modules, { title: '', content: '' }])}
          >
            {t('addModule')}
          </button>
        )}
      </fieldset>
      {textArea('teachingMethods')}
      {textArea('evaluationMethods')}
      {textArea('accessibility')}
      <div className="consultant-columns">
        <Field label={t('fields.referentName')} error={error('accessibilityReferent.name')}>
          {(control) => (
            <input
              {...control}
              maxLength={200}
              autoComplete="off"
              value={values.referentName}
              onChange={(event) => set('referentName', event.target.value)}
            />
          )}
        </Field>
        <Field label={t('fields.referentEmail')} error={error('accessibilityReferent.email')}>
          {(control) => (
            <input
              {...control}
              type="email"
              maxLength={254}
              autoComplete="off"
              value={values.referentEmail}
              onChange={(event) => set('referentEmail', event.target.value)}
            />
          )}
        </Field>
        <Field label={t('fields.referentPhone')} error={error('accessibilityReferent.phone')}>
          {(control) => (
            <input
              {...control}
              type="tel"
              maxLength={40}
              autoComplete="off"
              value={values.referentPhone}
              onChange={(event) => set('referentPhone', event.target.value)}
            />
          )}
        </Field>
      </div>
      {textArea('accessDelay', 2)}
      {textArea('whatToBring', 2)}
    </fieldset>
  );
}
