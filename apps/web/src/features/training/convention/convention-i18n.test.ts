import { describe, expect, it } from 'vitest';
import type { TrainingDocument } from './convention-queries';
import { en, fr } from './i18n';

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null
      ? keys(child as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

describe('the convention pages’ words', () => {
  it('exist in French and English alike', () => {
    expect(keys(en).sort()).toEqual(keys(fr).sort());
  });

  it('name every kind of training document', () => {
    const kinds: TrainingDocument['kind'][] = [
      'programme',
      'convention',
      'convocation',
      'attendance_sheet',
      'attestation',
      'certificate',
    ];
    expect(Object.keys(fr.documents.kind).sort()).toEqual([...kinds].sort());
  });
});
