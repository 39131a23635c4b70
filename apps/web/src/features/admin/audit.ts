import { formatMoney } from '../../lib/format';

/** What the api records today (GET /api/admin/audit `action`), in the order the filter lists them. */
export const AUDIT_ACTIONS = [
  'user.roles.set',
  'organisation.member-role.changed',
  'organisation.member.removed',
  'organisation.created',
  'organisation.updated',
  'membership.set',
  'chambre.updated',
  'chambre.logo.set',
  'chambre.logo.removed',
  'offering.submitted',
  'offering.published',
  'offering.rejected',
  'offering.archived',
  'offering.pricing.changed',
  'offering.vat_treatment.proposed',
  'chambre.vat_policy.changed',
  'booking.vat_repriced',
  'credit_note.requested',
  'credit_note.issued',
  'refund.marked_done',
  'csv_profile.saved',
  'user.erased',
] as const;

export const AUDIT_ENTITY_TYPES = [
  'user',
  'organisation',
  'offering',
  'chambre',
  'offering_vat_settings',
  'booking',
  'invoice',
  'refund',
  'csv_profile',
] as const;

export type AuditState = Record<string, unknown> | null;

/** The page's filters, as the form holds them and the address bar keeps them. */
export interface AuditFilters {
  action: string;
  entityType: string;
  entityId: string;
  actor: string;
  from: string;
  to: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = {
  action: '',
  entityType: '',
  entityId: '',
  actor: '',
  from: '',
  to: '',
};

/**
 * Filters read from the address (`?entity=organisation:<id>&actor=…`), so other pages can link
 * to a subject's history and an admin can share what they see. The api checks the values.
 */
export function auditFiltersFromSearch(search: URLSearchParams): AuditFilters {
  const [entityType = '', ...id] = (search.get('entity') ?? '').split(':');
  return {
    action: search.get('action') ?? '',
    entityType,
    entityId: id.join(':'),
    actor: search.get('actor') ?? '',
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
  };
}

/** The api's query for these filters, also the page's address: empty ones left out. */
export function auditQueryOf(filters: AuditFilters): Record<string, string> {
  const entity = filters.entityType
    ? filters.entityId
      ? `${filters.entityType}:${filters.entityId}`
      : filters.entityType
    : '';
  const query: Record<string, string> = {
    action: filters.action,
    entity,
    actor: filters.actor,
    from: filters.from,
    to: filters.to,
  };
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}

/** One field of an entry: what it was and what it became. */
export interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
  /** `same` for a field shown for context (the member whose role changed). */
  change: 'added' | 'removed' | 'changed' | 'same';
}

/**
 * The fields of an entry's before and after, in the order the api wrote them: a creation has
 * only `after`, a removal only `before`, and a field present on both sides that did not change
 * is context, not a change.
 */
export function auditDiff(before: AuditState, after: AuditState): DiffRow[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields.map((field) => {
    const inBefore = before !== null && field in before;
    const inAfter = after !== null && field in after;
    const was = inBefore ? before[field] : undefined;
    const is = inAfter ? after[field] : undefined;
    const change: DiffRow['change'] =
      !inBefore || before === null
        ? 'added'
        : !inAfter || after === null
          ? 'removed'
          : JSON.stringify(was) === JSON.stringify(is)
            ? 'same'
            : 'changed';
    return { field, before: was, after: is, change };
  });
}

export interface ValueWords {
  language: string;
  yes: string;
  no: string;
  /** Shown for null, an empty list, or a side that has no value. */
  none: string;
  /** The reader's word for a known value of a field (a status, a role), or undefined. */
  word?: (field: string, value: string) => string | undefined;
}

/** A recorded value as a person reads it: euros for cents, yes/no, lists, known words. */
export function formatAuditValue(field: string, value: unknown, words: ValueWords): string {
  if (value === null || value === undefined) return words.none;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number' && /Cents$/.test(field)) return formatMoney(value, words.language);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return words.word?.(field, value) ?? value;
  if (Array.isArray(value)) {
    if (value.length === 0) return words.none;
    return value.map((item) => formatAuditValue(field, item, words)).join(', ');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${key} : ${formatAuditValue(key, inner, words)}`)
      .join(' · ');
  }
  // Nothing else comes out of JSON.
  return words.none;
}
