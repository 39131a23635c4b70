import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle';

/** `/account/erased`: where a person lands once their account is deleted (signed out). */
export function ErasedPage() {
  const { t } = useTranslation('privacy');
  return (
    <section className="narrow">
      <PageTitle>{t('erased.title')}</PageTitle>
      <p role="status" className="alert alert-success">
        {t('erased.text')}
      </p>
      <p>
        <Link to="/">{t('erased.home')}</Link>
      </p>
    </section>
  );
}
