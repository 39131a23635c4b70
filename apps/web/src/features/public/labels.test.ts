import { describe, expect, it } from 'vitest';
import { coversRegion } from './labels';

describe('départements', () => {
  it('reads the six of Provence-Alpes-Côte d’Azur as the whole region', () => {
    expect(coversRegion(['04', '05', '06', '13', '83', '84'])).toBe(true);
    expect(coversRegion(['06', '13', '83'])).toBe(false);
  });
});
