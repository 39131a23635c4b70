import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../../api/client';
import { ApiProblem } from '../../../api/problem';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/format';
import {
  type BookingDocuments as Documents,
  type TrainingDocument,
  useBookingDocuments,
  useSignConvention,
} from './convention-queries';
import { NS } from './i18n';

/**
 * A training booking's documents (every version, the newest marked) and the convention to sign
 * for whoever signs a side still unsigned (the organisation's administrator, the Chambre's
 * signatory): the hash of the version shown, a consent box.
 */
export function BookingDocuments({
  bookingId,
  training,
}: {
  bookingId: string;
  /** Only a confirmed (or attended) training booking has documents. */
  training: boolean;
}) {
  const { t } = useTranslation(NS);
  const documents = useBookingDocuments(bookingId, training);
  if (!training) return null;

  return (
    <section aria-labelledby="training-documents-heading" className="card stack">
      <h2 id="training-documents-heading">{t('documents.heading')}</h2>
      {documents.isPending ? <Loading /> : null}
      <ProblemAlert error={documents.error} />
      {documents.data ? (
        <>
          {documents.data.convention ? (
            <ConventionPanel bookingId={bookingId} documents={documents.data} />
          ) : (
            <p className="muted" role="status">
              {t('documents.pending')}
            </p>
          )}
          <DocumentList documents={documents.data.documents} />
        </>
      ) : null}
    </section>
  );
}

function DocumentList({ documents }: { documents: TrainingDocument[] }) {
  const { t, i18n } = useTranslation(NS);
  const [error, setError] = useState<unknown>(null);
  if (documents.length === 0) return <p className="muted">{t('documents.empty')}</p>;
  return (
    <>
      <ProblemAlert error={error} />
      <ul className="stack">
        {documents.map((document) => (
          <li key={document.id}>
            <strong>{t(`documents.kind.${document.kind}`)}</strong> — {document.title},{' '}
            {t('documents.version', { version: document.version })}
            {document.latest ? (
              <>
                {' '}
                <span className="badge">{t('documents.latest')}</span>
              </>
            ) : null}{' '}
            <button
              type="button"
              className="button button-secondary"
              aria-label={t('documents.downloadNamed', {
                title: document.title,
                version: document.version,
              })}
              onClick={() => {
                setError(null);
                download(`/api/documents/${document.id}`, document.fileName).catch(setError);
              }}
            >
              {t('documents.download')}
            </button>
            {document.signatures.map((signature) => (
              <p key={`${signature.party}-${signature.signedAt}`} className="muted">
                {t('documents.signedBy', {
                  name: signature.signerName,
                  party: t(`documents.party.${signature.party}`),
                  date: formatDateTime(signature.signedAt, i18n.language),
                })}
              </p>
            ))}
          </li>
        ))}
      </ul>
    </>
  );
}

function ConventionPanel({ bookingId, documents }: { bookingId: string; documents: Documents }) {
  const { t } = useTranslation(NS);
  const convention = documents.convention!;
  const sign = useSignConvention(bookingId);
  const [consent, setConsent] = useState(false);
  const [consentMissing, setConsentMissing] = useState(false);
  const [capacity, setCapacity] = useState('');
  const errors = sign.error instanceof ApiProblem ? sign.error.fieldErrors() : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!consent) {
      setConsentMissing(true);
      return;
    }
    sign.mutate({
      documentId: convention.documentId,
      sha256: convention.sha256,
      signerCapacity: capacity,
    });
  }

  return (
    <div className="stack">
      <ul>
        <li>
          {t('sign.status.organisation')} :{' '}
          {convention.signedByOrganisation ? t('sign.status.signed') : t('sign.status.unsigned')}
        </li>
        <li>
          {t('sign.status.chambre')} :{' '}
          {convention.signedByChambre ? t('sign.status.signed') : t('sign.status.unsigned')}
        </li>
      </ul>
      {convention.required && !convention.signedByOrganisation ? (
        <p className="alert" role="status">
          {t('sign.required')}
        </p>
      ) : null}
      {sign.isSuccess ? (
        <p className="alert alert-success" role="status">
          {t('sign.done')}
        </p>
      ) : null}
      {convention.youMaySign && !sign.isSuccess ? (
        <form className="stack" onSubmit={submit} noValidate aria-labelledby="sign-heading">
          <h3 id="sign-heading">{t('sign.heading')}</h3>
          <p>{t(`sign.intro.${convention.youMaySign}`, { version: convention.version })}</p>
          <p>
            {t('sign.hash')} : <code style={{ overflowWrap: 'anywhere' }}>{convention.sha256}</code>
          </p>
          <Field
            label={t('sign.capacity')}
            hint={t('sign.capacityHint')}
            error={errors.signerCapacity}
          >
            {(control) => (
              <input
                {...control}
                value={capacity}
                maxLength={200}
                onChange={(event) => setCapacity(event.target.value)}
              />
            )}
          </Field>
          <div className={consentMissing ? 'stack field-invalid' : 'stack'}>
            <label className="row" style={{ gap: '0.5rem', alignItems: 'flex-start' }}>
              <input
                type="checkbox"
                checked={consent}
                aria-invalid={consentMissing}
                aria-describedby={consentMissing ? 'sign-consent-error' : undefined}
                onChange={(event) => {
                  setConsent(event.target.checked);
                  setConsentMissing(false);
                }}
              />
              <span>{t('sign.consent')}</span>
            </label>
            {consentMissing ? (
              <p className="field-error" id="sign-consent-error">
                {t('sign.consentMissing')}
              </p>
            ) : null}
          </div>
          <ProblemAlert error={sign.error} />
          <button type="submit" className="button" disabled={sign.isPending}>
            {sign.isPending ? t('sign.working') : t('sign.submit')}
          </button>
        </form>
      ) : null}
      {!convention.signedByOrganisation && !convention.youMaySign && !sign.isSuccess ? (
        <p className="muted">{t('sign.onlyAdmins')}</p>
      ) : null}
    </div>
  );
}
