import { describe, expect, it } from 'vitest';
import { reasonKey } from './import-reasons';

describe("the import's refusal reasons", () => {
  it('are recognised with the value to fix', () => {
    expect(
      reasonKey('invalid SIRET « 12345678901234 » (14 digits with a valid check digit)'),
    ).toEqual({ key: 'invalidSiret', value: '12345678901234' });
    expect(reasonKey('unknown legal form « Société anonyme »')).toEqual({
      key: 'unknownLegalForm',
      value: 'Société anonyme',
    });
    expect(reasonKey('duplicate of line 4')).toEqual({ key: 'duplicate', value: '4' });
    expect(reasonKey('no city')).toEqual({ key: 'noCity', value: '' });
  });

  it('are left as the api wrote them when unknown', () => {
    expect(reasonKey('something new')).toBeNull();
  });
});
