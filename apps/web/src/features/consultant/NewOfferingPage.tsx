import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { emptyOfferingForm } from './offering-form';
import { OfferingForm } from './OfferingForm';
import { useCreateOffering } from './consultant-queries';

/** A new offering starts as a draft; sessions and the submission follow on its own page. */
export function NewOfferingPage() {
  const { t } = useTranslation('consultant');
  const navigate = useNavigate();
  const create = useCreateOffering({
    onRefreshed: (offering) =>
      navigate(`/consultant/offerings/${offering.id}`, { state: { created: true } }),
  });

  return (
    <section>
      <p>
        <Link to="/consultant/offerings">{t('back')}</Link>
      </p>
      <PageTitle>{t('new.title')}</PageTitle>
      <p>{t('new.intro')}</p>
      <OfferingForm
        initial={emptyOfferingForm()}
        submitLabel={t('new.submit')}
        busy={create.isPending}
        error={create.error}
        onSubmit={(input) => create.mutate(input)}
      />
    </section>
  );
}
