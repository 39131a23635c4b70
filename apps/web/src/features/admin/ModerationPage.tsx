import { useId, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { Money } from '../../components/Money';
import { PageTitle } from '../../components/PageTitle';
import { ApproveOrRefuse } from './ApproveOrRefuse';
import {
  useCategoryLabels,
  useConsultantNames,
  useModerationQueue,
  usePublishOffering,
  useRejectOffering,
} from './admin-queries';
import type { ModeratedOffering } from './types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RevisionQueue } from './RevisionQueue';
import { StatusMessage } from './StatusMessage';
import { VatTreatmentControl } from './VatTreatmentControl';
import { VatRegimeText } from '../../components/VatRegime';
import { PedagogyContent } from '../training/programme/ProgrammeSections';

/** The moderation queue: offerings submitted by consultants, oldest first, to publish or refuse. */
export function ModerationPage() {
  const { t } = useTranslation('admin');
  const [message, setMessage] = useState<string | null>(null);
  const queue = useModerationQueue();
  const categories = useCategoryLabels();
  const consultants = useConsultantNames();
  const offerings = queue.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section>
      <PageTitle>{t('moderation.title')}</PageTitle>
      <p className="muted">{t('moderation.intro')}</p>
      <StatusMessage message={message} />
      {queue.isPending ? <Loading /> : null}
      <ProblemAlert ns="admin" error={queue.error} />
      {queue.isSuccess && offerings.length === 0 ? <p>{t('moderation.empty')}</p> : null}
      {offerings.map((offering) => (
        <ModerationItem
          key={offering.id}
          offering={offering}
          category={categories.get(offering.categorySlug) ?? offering.categorySlug}
          consultant={consultants.get(offering.consultantId) ?? t('moderation.unknownConsultant')}
          onDone={setMessage}
        />
      ))}
      <LoadMore query={queue} />
      <RevisionQueue onDone={setMessage} />
    </section>
  );
}

interface ItemProps {
  offering: ModeratedOffering;
  category: string;
  consultant: string;
  onDone: (message: string) => void;
}

function ModerationItem({ offering, category, consultant, onDone }: ItemProps) {
  const { t } = useTranslation('admin');
  const titleId = useId();
  const publish = usePublishOffering(offering.id, () =>
    onDone(t('moderation.published', { title: offering.title })),
  );
  const reject = useRejectOffering(offering.id, () =>
    onDone(t('moderation.rejected', { title: offering.title })),
  );
  const busy = publish.isPending || reject.isPending;

  return (
    <article className="card stack" aria-labelledby={titleId}>
      <h2 id={titleId}>{offering.title}</h2>
      <p>{offering.summary}</p>
      <dl className="facts">
        <dt>{t('moderation.consultant')}</dt>
        <dd>{consultant}</dd>
        <dt>{t('moderation.category')}</dt>
        <dd>{category}</dd>
        <dt>{t('moderation.format')}</dt>
        <dd>
          {t(`kind.${offering.kind}`)} · {t(`deliveryMode.${offering.deliveryMode}`)} ·{' '}
          {formatDuration(offering.durationMinutes, t)}
        </dd>
        <dt>{t('moderation.memberPrice')}</dt>
        <dd>
          <Money cents={offering.memberPriceCents} /> {t('common:money.exclVat')}
        </dd>
        <dt>{t('moderation.nonMemberPrice')}</dt>
        <dd>
          <Money cents={offering.nonMemberPriceCents} /> {t('common:money.exclVat')}
        </dd>
        <dt>{t('moderation.vat')}</dt>
        <dd>
          <VatRegimeText code={offering.vatTreatment} />
        </dd>
        <dt>{t('moderation.departments')}</dt>
        <dd>{offering.departments.join(', ') || t('moderation.noDepartment')}</dd>
      </dl>
      <details>
        <summary>{t('moderation.readDescription')}</summary>
        {/* Markdown shown as written: the moderator reads exactly what the consultant typed. */}
        <div style={{ whiteSpace: 'pre-wrap' }}>{offering.description}</div>
      </details>
      {offering.kind === 'training' ? <TrainingContentDetails offering={offering} /> : null}
      <VatTreatmentControl offering={offering} onDone={onDone} />
      <ApproveOrRefuse
        approveLabel={t('moderation.publish')}
        refuseLabel={t('moderation.refuse')}
        reasonHint={t('moderation.reasonHint')}
        busy={busy}
        approveError={publish.error}
        refuseError={reject.error}
        onApprove={() => publish.mutate()}
        onRefuse={(reason) => reject.mutate(reason)}
        onCancelRefusal={() => reject.reset()}
      />
    </article>
  );
}

function formatDuration(totalMinutes: number, t: TFunction<'admin'>): string {
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return t('duration.minutes', { minutes });
  return minutes
    ? t('duration.hoursMinutes', { hours, minutes: String(minutes).padStart(2, '0') })
    : t('duration.hours', { hours });
}

/** A training's content (R6353-1), which the moderator checks before publishing it. */
function TrainingContentDetails({ offering }: { offering: ModeratedOffering }) {
  const { t } = useTranslation('trainingProgramme');
  return (
    <details>
      <summary>{t('moderation.summary')}</summary>
      <PedagogyContent pedagogy={offering.pedagogy} />
    </details>
  );
}
