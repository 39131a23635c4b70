import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../../components/PageTitle';
import { SurveyResults } from './SurveyResults';

/** `/admin/training/surveys`: the Chambre's satisfaction results over every training. */
export function SurveyResultsPage() {
  const { t } = useTranslation('survey');
  return (
    <section>
      <PageTitle>{t('results.adminTitle')}</PageTitle>
      <p>{t('results.adminIntro')}</p>
      <SurveyResults target={{ kind: 'all' }} />
    </section>
  );
}
