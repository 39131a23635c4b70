import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DataTable } from '../../../components/DataTable';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatShortDateTime } from '../../../lib/format';
import { membershipYear } from '../membership';
import {
  useCampaign,
  useCampaigns,
  useLaunchCampaign,
  useRetryCampaign,
} from './membership-admin-queries';
import { MembershipNav } from './MembershipNav';
import { campaignDone, percent } from './progress';
import type { Campaign } from './types';

/**
 * `/admin/membership/campaigns?year=`: launch the year's renewal campaign (one invoice per
 * active member, issued by the worker) and follow it live; failures can be retried.
 */
export function CampaignsPage() {
  const { t } = useTranslation('membership');
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || membershipYear(new Date()) + 1;
  const campaigns = useCampaigns(year);
  const [launched, setLaunched] = useState<Campaign | null>(null);
  const launch = useLaunchCampaign(setLaunched);
  const campaign = launched?.year === year ? launched : (campaigns.data?.[0] ?? null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!launch.isPending) launch.mutate(year);
  }

  return (
    <section className="stack">
      <MembershipNav />
      <PageTitle>{t('admin.campaigns.title')}</PageTitle>
      <p>{t('admin.campaigns.intro')}</p>
      <form className="card stack narrow" onSubmit={submit}>
        <Field label={t('admin.campaigns.year')} hint={t('admin.campaigns.yearHint')}>
          {(control) => (
            <select
              {...control}
              value={year}
              onChange={(event) => setParams({ year: event.target.value })}
            >
              {[0, 1].map((offset) => {
                const each = membershipYear(new Date()) + offset;
                return (
                  <option key={each} value={each}>
                    {each}
                  </option>
                );
              })}
            </select>
          )}
        </Field>
        <p>
          <Link to={`/admin/membership/fees?year=${year}`}>
            {t('admin.campaigns.checkGrid', { year })}
          </Link>
        </p>
        <ProblemAlert ns="membership" error={launch.error} />
        <button type="submit" className="button" disabled={launch.isPending || Boolean(campaign)}>
          {launch.isPending
            ? t('admin.campaigns.launching')
            : t('admin.campaigns.launch', { year })}
        </button>
        {campaign ? <p className="hint">{t('admin.campaigns.once', { year })}</p> : null}
      </form>
      {campaigns.isPending ? <Loading /> : null}
      <ProblemAlert ns="membership" error={campaigns.error} />
      {campaign ? <CampaignProgress key={campaign.id} initial={campaign} /> : null}
    </section>
  );
}

function CampaignProgress({ initial }: { initial: Campaign }) {
  const { t, i18n } = useTranslation('membership');
  const query = useCampaign(initial);
  const retry = useRetryCampaign(initial.id);
  const campaign = query.data;
  // The worker writes « code: detail » in English; a known code reads in the admin's language.
  const failureText = (error: string) => {
    const code = /^([a-z_]+): /.exec(error)?.[1];
    return code ? t(`problem.code.${code}`, { defaultValue: error }) : error;
  };
  const done = campaignDone(campaign);
  const running = campaign.status === 'running';

  return (
    <section className="card stack" aria-labelledby="campaign-heading">
      <h2 id="campaign-heading">
        {t('admin.campaigns.progressHeading', { year: campaign.year })}{' '}
        <StatusBadge tone={running ? 'warn' : campaign.failed > 0 ? 'danger' : 'ok'}>
          {t(`admin.campaigns.status.${campaign.status}`)}
        </StatusBadge>
      </h2>
      <p>
        {t('admin.campaigns.launchedAt', {
          date: formatShortDateTime(campaign.launchedAt, i18n.language),
        })}
        {campaign.completedAt
          ? ` · ${t('admin.campaigns.completedAt', {
              date: formatShortDateTime(campaign.completedAt, i18n.language),
            })}`
          : ''}
      </p>
      <label htmlFor="campaign-progress">{t('admin.campaigns.progressLabel')}</label>
      <progress id="campaign-progress" max={Math.max(campaign.total, 1)} value={done}>
        {percent(done, campaign.total)} %
      </progress>
      {/* Counts are read out as they move, politely: the admin may be reading the failures. */}
      <p aria-live="polite">
        {t('admin.campaigns.counts', {
          done,
          total: campaign.total,
          percent: percent(done, campaign.total),
        })}
      </p>
      <dl className="facts">
        <dt>{t('admin.campaigns.issued')}</dt>
        <dd>{campaign.issued}</dd>
        <dt>{t('admin.campaigns.pending')}</dt>
        <dd>{campaign.pending}</dd>
        <dt>{t('admin.campaigns.skipped')}</dt>
        <dd>{campaign.skipped}</dd>
        <dt>{t('admin.campaigns.failed')}</dt>
        <dd>{campaign.failed}</dd>
      </dl>
      <ProblemAlert ns="membership" error={query.error} />
      {campaign.failures.length > 0 ? (
        <>
          <h3>{t('admin.campaigns.failuresHeading')}</h3>
          <DataTable
            caption={t('admin.campaigns.failuresHeading')}
            rows={campaign.failures}
            rowKey={(failure) => failure.organisationId}
            columns={[
              {
                id: 'organisation',
                header: t('admin.members.organisation'),
                rowHeader: true,
                cell: (failure) => (
                  <Link to={`/admin/organisations/${failure.organisationId}`}>
                    {failure.legalName}
                  </Link>
                ),
              },
              {
                id: 'error',
                header: t('admin.campaigns.error'),
                cell: (failure) => failureText(failure.error),
              },
            ]}
          />
        </>
      ) : null}
      {campaign.failed > 0 ? (
        <div>
          <ProblemAlert ns="membership" error={retry.error} />
          <button
            type="button"
            className="button"
            disabled={retry.isPending}
            onClick={() => retry.mutate()}
          >
            {t('admin.campaigns.retry')}
          </button>
          <div role="status">{retry.isSuccess ? <p>{t('admin.campaigns.retried')}</p> : null}</div>
        </div>
      ) : null}
    </section>
  );
}
