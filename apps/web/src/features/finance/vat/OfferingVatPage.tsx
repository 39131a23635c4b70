import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore } from '../../../components/LoadMore';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { VatRegimeText } from '../../../components/VatRegime';
import { useOfferingsForVat } from '../../admin/admin-queries';
import type { ModeratedOffering } from '../../admin/types';
import { VatTreatmentControl } from '../../admin/VatTreatmentControl';

const STATUSES: ModeratedOffering['status'][] = ['published', 'submitted', 'draft', 'rejected'];

/**
 * The Chambre's offerings and their VAT regime, for finance and admins: the regime is the
 * Chambre's decision, with its legal basis; on a published offering a change waits for an
 * admin's approval in the moderation queue.
 */
export function OfferingVatPage() {
  const { t } = useTranslation('finance');
  const offerings = useOfferingsForVat(STATUSES);
  const [message, setMessage] = useState<string | null>(null);
  const items = offerings.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="stack">
      <PageTitle>{t('vat.title')}</PageTitle>
      <p className="muted">{t('vat.intro')}</p>
      <p>
        <Link to="/admin/chambre">{t('vat.settingsLink')}</Link>
      </p>
      {message ? (
        <p className="alert alert-success" role="status">
          {message}
        </p>
      ) : null}
      {offerings.isPending ? <Loading /> : null}
      <ProblemAlert ns="finance" error={offerings.error} />
      {offerings.isSuccess && items.length === 0 ? <p>{t('vat.empty')}</p> : null}
      {items.map((offering) => (
        <OfferingVatItem key={offering.id} offering={offering} onDone={setMessage} />
      ))}
      <LoadMore query={offerings} />
    </section>
  );
}

function OfferingVatItem({
  offering,
  onDone,
}: {
  offering: ModeratedOffering;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation('finance');
  const titleId = useId();
  return (
    <article className="card stack" aria-labelledby={titleId}>
      <h2 id={titleId}>{offering.title}</h2>
      <dl className="facts">
        <dt>{t('vat.kind')}</dt>
        <dd>{t(`vat.kinds.${offering.kind}`)}</dd>
        <dt>{t('vat.status')}</dt>
        <dd>{t(`vat.statuses.${offering.status}`)}</dd>
        <dt>{t('vat.current')}</dt>
        <dd>
          <VatRegimeText code={offering.vatTreatment} />
        </dd>
      </dl>
      <VatTreatmentControl offering={offering} onDone={onDone} />
    </article>
  );
}
