import { useTranslation } from 'react-i18next';
import { programmePdfPath, type TrainingPedagogy } from './pedagogy-form';

/**
 * A published training's pedagogical content on its public page (R6353-1: what the public is told
 * before booking), with its programme as a PDF.
 */
type ParagraphKey =
  | 'audience'
  | 'prerequisites'
  | 'teachingMethods'
  | 'evaluationMethods'
  | 'accessibility'
  | 'accessDelay'
  | 'whatToBring';

export function ProgrammeSections({
  offeringId,
  pedagogy,
}: {
  offeringId: string;
  pedagogy: TrainingPedagogy | null;
}) {
  const { t } = useTranslation('trainingProgramme');
  return (
    <section aria-labelledby="offering-programme">
      <h2 id="offering-programme">{t('public.heading')}</h2>
      <PedagogyContent pedagogy={pedagogy} />
      <p>
        <a href={programmePdfPath(offeringId)} target="_blank" rel="noreferrer">
          {t('public.download')}
        </a>
      </p>
    </section>
  );
}

/** The content itself, under level-3 headings (also shown to the moderator). */
export function PedagogyContent({ pedagogy }: { pedagogy: TrainingPedagogy | null }) {
  const { t } = useTranslation('trainingProgramme');
  if (!pedagogy) return <p>{t('public.none')}</p>;
  const referent = pedagogy.accessibilityReferent;
  const paragraph = (key: ParagraphKey) => {
    const value = pedagogy[key];
    if (!value) return null;
    return (
      <>
        <h3>{key === 'whatToBring' ? t('public.whatToBring') : t(`fields.${key}`)}</h3>
        <p>{value}</p>
      </>
    );
  };
  return (
    <>
      {pedagogy.objectives?.length ? (
        <>
          <h3>{t('fields.objectives')}</h3>
          <ul>
            {pedagogy.objectives.map((objective) => (
              <li key={objective}>{objective}</li>
            ))}
          </ul>
        </>
      ) : null}
      {paragraph('audience')}
      {paragraph('prerequisites')}
      {pedagogy.modules?.length ? (
        <>
          <h3>{t('fields.modules')}</h3>
          <ol>
            {pedagogy.modules.map((module, index) => (
              <li key={index}>
                <strong>{module.title}</strong>
                <br />
                {module.content}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {paragraph('teachingMethods')}
      {paragraph('evaluationMethods')}
      {paragraph('accessibility')}
      {referent ? (
        <p>
          {t('public.referent')} {referent.name} ·{' '}
          <a href={`mailto:${referent.email}`}>{referent.email}</a>
          {referent.phone ? ` · ${referent.phone}` : null}
        </p>
      ) : null}
      {paragraph('accessDelay')}
      {paragraph('whatToBring')}
    </>
  );
}
