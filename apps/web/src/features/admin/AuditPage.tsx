import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Field } from '../../components/Field';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatShortDateTime } from '../../lib/format';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  auditFiltersFromSearch,
  auditQueryOf,
  NO_AUDIT_FILTERS,
  type AuditFilters,
} from './audit';
import { AuditDiff } from './AuditDiff';
import { useAuditLog } from './admin-queries';
import type { AuditLogEntry } from './types';
import { StatusBadge } from '../../components/StatusBadge';

/**
 * Every sensitive change, newest first: who made it (and in which role), when, in which request
 * (the id the api logged it with), and what changed, field by field.
 */
export function AuditPage() {
  const { t, i18n } = useTranslation('admin');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => auditFiltersFromSearch(params), [params]);
  const query = auditQueryOf(filters);
  const list = useAuditLog(query);
  const entries = list.data?.pages.flatMap((page) => page.items) ?? [];

  const apply = (next: AuditFilters) => setParams(auditQueryOf(next));
  const actionLabel = (action: string) =>
    i18n.exists(`audit.action.${action}`, { ns: 'admin' }) ? t(`audit.action.${action}`) : action;
  const entityLabel = (type: string) =>
    i18n.exists(`audit.entity.${type}`, { ns: 'admin' }) ? t(`audit.entity.${type}`) : type;

  return (
    <section>
      <PageTitle>{t('audit.title')}</PageTitle>
      <p>{t('audit.intro')}</p>
      {/* Keyed by the address: back and forward, or a link, bring the form along. */}
      <AuditFilterForm
        key={params.toString()}
        initial={filters}
        onApply={apply}
        actionLabel={actionLabel}
        entityLabel={entityLabel}
      />
      {list.isPending ? <Loading /> : null}
      <ProblemAlert ns="admin" error={list.error} />
      {list.isSuccess && entries.length === 0 ? <p>{t('audit.empty')}</p> : null}
      {entries.length > 0 ? (
        <ol className="audit-log" aria-label={t('audit.caption')}>
          {entries.map((entry) => (
            <AuditItem
              key={entry.id}
              entry={entry}
              actionLabel={actionLabel(entry.action)}
              entityLabel={entityLabel(entry.entityType)}
              onActor={(actor) => apply({ ...NO_AUDIT_FILTERS, actor })}
              onEntity={(entityType, entityId) =>
                apply({ ...NO_AUDIT_FILTERS, entityType, entityId })
              }
            />
          ))}
        </ol>
      ) : null}
      <LoadMore query={list} />
    </section>
  );
}

interface AuditFilterFormProps {
  initial: AuditFilters;
  onApply: (filters: AuditFilters) => void;
  actionLabel: (action: string) => string;
  entityLabel: (type: string) => string;
}

function AuditFilterForm({ initial, onApply, actionLabel, entityLabel }: AuditFilterFormProps) {
  const { t } = useTranslation('admin');
  const [draft, setDraft] = useState<AuditFilters>(initial);
  const set = (field: keyof AuditFilters) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply({ ...draft, entityId: draft.entityId.trim(), actor: draft.actor.trim() });
  }

  return (
    <form className="card" role="search" onSubmit={submit}>
      <div className="grid">
        <Field label={t('audit.filter.action')}>
          {(control) => (
            <select
              {...control}
              value={draft.action}
              onChange={(event) => set('action')(event.target.value)}
            >
              <option value="">{t('audit.filter.anyAction')}</option>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {actionLabel(action)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('audit.filter.entityType')}>
          {(control) => (
            <select
              {...control}
              value={draft.entityType}
              onChange={(event) => set('entityType')(event.target.value)}
            >
              <option value="">{t('audit.filter.anyEntity')}</option>
              {AUDIT_ENTITY_TYPES.map((type) => (
                <option key={type} value={type}>
                  {entityLabel(type)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('audit.filter.entityId')} hint={t('audit.filter.entityIdHint')}>
          {(control) => (
            <input
              {...control}
              value={draft.entityId}
              disabled={!draft.entityType}
              onChange={(event) => set('entityId')(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('audit.filter.actor')} hint={t('audit.filter.actorHint')}>
          {(control) => (
            <input
              {...control}
              value={draft.actor}
              onChange={(event) => set('actor')(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('audit.filter.from')}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={draft.from}
              onChange={(event) => set('from')(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('audit.filter.to')}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={draft.to}
              onChange={(event) => set('to')(event.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="row">
        <button type="submit" className="button">
          {t('common:actions.search')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => onApply(NO_AUDIT_FILTERS)}
        >
          {t('audit.filter.clear')}
        </button>
      </div>
    </form>
  );
}

interface AuditItemProps {
  entry: AuditLogEntry;
  actionLabel: string;
  entityLabel: string;
  onActor: (userId: string) => void;
  onEntity: (type: string, id: string) => void;
}

function AuditItem({ entry, actionLabel, entityLabel, onActor, onEntity }: AuditItemProps) {
  const { t, i18n } = useTranslation('admin');
  const { actor } = entry;
  const role = i18n.exists(`role.${actor.label}`, { ns: 'admin' })
    ? t(`role.${actor.label}`)
    : t(`audit.actorLabel.${actor.label === 'system' ? 'system' : 'user'}`);
  return (
    <li className="card audit-entry">
      <h2 className="audit-entry-title">
        {actionLabel}{' '}
        <span className="muted">
          · {entityLabel}{' '}
          {entry.entityType === 'organisation' ? (
            <Link to={`/admin/organisations/${entry.entityId}`}>{shortId(entry.entityId)}</Link>
          ) : (
            <code title={entry.entityId}>{shortId(entry.entityId)}</code>
          )}
        </span>
      </h2>
      <dl className="audit-entry-facts">
        <div>
          <dt>{t('audit.when')}</dt>
          <dd>
            <time dateTime={entry.occurredAt}>
              {formatShortDateTime(entry.occurredAt, i18n.language)}
            </time>
          </dd>
        </div>
        <div>
          <dt>{t('audit.who')}</dt>
          <dd>
            {actor.userId ? (
              <button
                type="button"
                className="link-button"
                title={t('audit.filterByActor')}
                onClick={() => onActor(actor.userId!)}
              >
                {actor.name ?? shortId(actor.userId)}
              </button>
            ) : null}{' '}
            <StatusBadge>{role}</StatusBadge>
          </dd>
        </div>
        <div>
          <dt>{t('audit.request')}</dt>
          <dd>{entry.requestId ? <code>{entry.requestId}</code> : t('audit.none')}</dd>
        </div>
        <div>
          <dt>{t('audit.history')}</dt>
          <dd>
            <button
              type="button"
              className="link-button"
              onClick={() => onEntity(entry.entityType, entry.entityId)}
            >
              {t('audit.historyOf', { entity: entityLabel })}
            </button>
          </dd>
        </div>
      </dl>
      {entry.reason ? (
        <p>
          <strong>{t('audit.reason')}</strong> {entry.reason}
        </p>
      ) : null}
      <AuditDiff before={entry.before} after={entry.after} />
    </li>
  );
}

/** The first block of a UUID is enough to tell entries apart on screen; the title has all of it. */
function shortId(id: string): string {
  return /^[0-9a-f]{8}-/.test(id) ? id.slice(0, 8) : id;
}
