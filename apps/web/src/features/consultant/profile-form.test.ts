import { describe, expect, it } from 'vitest';
import { expertiseToText, parseExpertise } from './profile-form';

describe('areas of expertise', () => {
  it('reads one per line or separated by commas, without blanks or repeats', () => {
    expect(
      parseExpertise('Droit des associations\n statuts, ; droit des Associations\n\n'),
    ).toEqual(['Droit des associations', 'statuts']);
  });

  it('shows them one per line', () => {
    expect(expertiseToText(['paie', 'statuts'])).toBe('paie\nstatuts');
  });
});
