import { useTranslation } from 'react-i18next';
import { auditDiff, formatAuditValue, type AuditState } from './audit';

/** The words of the admin area for a recorded field or value; the raw name when it has none. */
function useAuditWords() {
  const { t, i18n } = useTranslation('admin');
  const known = (key: string) => (i18n.exists(key, { ns: 'admin' }) ? t(key) : undefined);
  return {
    fieldLabel: (field: string) => known(`audit.field.${field}`) ?? field,
    words: {
      language: i18n.language,
      yes: t('audit.yes'),
      no: t('audit.no'),
      none: t('audit.none'),
      word: (field: string, value: string) =>
        field === 'roles'
          ? known(`role.${value}`)
          : [
                'role',
                'status',
                'vatTreatment',
                'defaultVatTreatmentTraining',
                'defaultVatTreatmentOther',
              ].includes(field)
            ? known(`audit.value.${value}`)
            : undefined,
    },
  };
}

/** Before and after of one audit entry, field by field; what changed is marked, not only coloured. */
export function AuditDiff({ before, after }: { before: AuditState; after: AuditState }) {
  const { t } = useTranslation('admin');
  const { fieldLabel, words } = useAuditWords();
  const rows = auditDiff(before, after);
  const format = (field: string, value: unknown) => formatAuditValue(field, value, words);
  return (
    <table className="audit-diff">
      <thead>
        <tr>
          <th scope="col">{t('audit.diff.field')}</th>
          <th scope="col">{t('audit.diff.before')}</th>
          <th scope="col">{t('audit.diff.after')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.field} data-change={row.change}>
            <th scope="row">{fieldLabel(row.field)}</th>
            {row.change === 'same' ? (
              // Context (the member whose role changed): the same on both sides, so unmarked.
              <>
                <td className="muted">{format(row.field, row.before)}</td>
                <td className="muted">{format(row.field, row.after)}</td>
              </>
            ) : (
              <>
                <td>
                  <Shown
                    text={row.change === 'added' ? words.none : format(row.field, row.before)}
                    none={words.none}
                    as="del"
                  />
                </td>
                <td>
                  {row.change === 'removed' ? (
                    <span className="muted">{t('audit.diff.removed')}</span>
                  ) : (
                    <Shown text={format(row.field, row.after)} none={words.none} as="ins" />
                  )}
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A side of a change: struck (before) or marked (after), except an absence, which is only muted. */
function Shown({ text, none, as: Tag }: { text: string; none: string; as: 'del' | 'ins' }) {
  return text === none ? <span className="muted">{none}</span> : <Tag>{text}</Tag>;
}
