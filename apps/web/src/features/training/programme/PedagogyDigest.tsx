import { useTranslation } from 'react-i18next';
import type { TrainingPedagogy } from './pedagogy-form';

/** A training's content in brief (objectives, modules), to compare a revision with what is live. */
export function PedagogyDigest({ pedagogy }: { pedagogy: TrainingPedagogy | null }) {
  const { t } = useTranslation('trainingProgramme');
  if (!pedagogy) return null;
  return (
    <div className="revision-text">
      <p>{t('fields.objectives')}</p>
      <ul>
        {(pedagogy.objectives ?? []).map((objective) => (
          <li key={objective}>{objective}</li>
        ))}
      </ul>
      <p>{t('fields.modules')}</p>
      <ol>
        {(pedagogy.modules ?? []).map((module, index) => (
          <li key={index}>{module.title}</li>
        ))}
      </ol>
      {pedagogy.whatToBring ? (
        <p>
          {t('fields.whatToBring')} : {pedagogy.whatToBring}
        </p>
      ) : null}
    </div>
  );
}
