import { useTranslation } from 'react-i18next';
import { fieldMessage } from '../../lib/problem-text';

/** The api's error for a group of controls (a fieldset), worded like <Field>'s. */
export function GroupError({ id, error }: { id: string; error: string | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="field-error" id={id}>
      {fieldMessage(error, t)}
    </p>
  );
}
