import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { mergeFieldErrors } from '../field-errors';
import { useCsvProfiles, useUploadStatement } from '../finance-queries';
import type { StatementImport } from '../types';
import { isCsvFile, STATEMENT_ACCEPT, validateStatementFile } from './reconciliation';

/** Chooses a CAMT.053 or CSV file (and, for a CSV, how to read it) and sends it to the worker. */
export function UploadStatement({ onQueued }: { onQueued: (statement: StatementImport) => void }) {
  const { t } = useTranslation('finance');
  const { t: tCommon } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [profile, setProfile] = useState('');
  const [fileError, setFileError] = useState<string | undefined>();
  const profiles = useCsvProfiles();
  const upload = useUploadStatement(onQueued);
  const fields = mergeFieldErrors({ file: fileError }, upload.error, t, tCommon);

  function submit(event: FormEvent) {
    event.preventDefault();
    const problem = validateStatementFile(file);
    setFileError(problem ? `upload.errors.${problem}` : undefined);
    if (problem || !file) return;
    upload.mutate({ file, profile: isCsvFile(file.name) ? profile || undefined : undefined });
  }

  return (
    <form onSubmit={submit} noValidate className="stack">
      <ProblemAlert error={upload.error} />
      <Field label={t('upload.file')} hint={t('upload.fileHint')} errorText={fields.file}>
        {(control) => (
          <input
            {...control}
            type="file"
            accept={STATEMENT_ACCEPT}
            required
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setFileError(undefined);
            }}
          />
        )}
      </Field>
      <Field label={t('upload.profile')} hint={t('upload.profileHint')} errorText={fields.profile}>
        {(control) => (
          <select
            {...control}
            value={profile}
            disabled={!file || !isCsvFile(file.name)}
            onChange={(event) => setProfile(event.target.value)}
          >
            <option value="">{t('upload.profileAuto')}</option>
            {(profiles.data ?? []).map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ProblemAlert error={profiles.error} />
      <div>
        <button type="submit" className="button" disabled={upload.isPending}>
          {upload.isPending ? t('upload.sending') : t('upload.submit')}
        </button>
      </div>
    </form>
  );
}
