import {
  NAME_NOISE_WORDS,
  nameCoverage,
  nameSimilarity,
  normaliseName,
  prepareName,
} from './name-similarity';

describe('normaliseName', () => {
  it.each([
    ['Les Jardins Partagés du Panier', 'jardins partages panier'],
    ['ASSOC LES JARDINS PARTAGES DU PANIER', 'jardins partages panier'],
    ['SCOP ARL LE RELAIS', 'relais'],
    ['Le Relais SCOP', 'relais'],
    ['S.C.O.P. Le Relais', 'relais'],
    [
      'Société Coopérative d’Intérêt Collectif Énergies & Territoires',
      'interet collectif energies territoires',
    ],
    ['SCIC SAS Énergie Citoyenne', 'energie citoyenne'],
    ['Mutuelle des Provences', 'provences'],
    ['Fondation pour l’Œuvre du Cœur', 'oeuvre coeur'],
    ["L'Atelier-Vélo (asso.)", 'atelier velo'],
  ])('%s → %s', (raw, normalised) => {
    expect(normaliseName(raw)).toBe(normalised);
  });

  it('drops the bank prefixes in front of the payer, and only in front', () => {
    expect(normaliseName('VIR SEPA RECU DE ASSO JARDINS PARTAGES')).toBe('jardins partages');
    expect(normaliseName('VIREMENT DE MME DUPONT')).toBe('dupont');
    expect(normaliseName('M. Martin')).toBe('martin');
    expect(normaliseName('VIR INST LE RELAIS')).toBe('relais');
    expect(normaliseName('Café Sepa')).toBe('cafe sepa');
  });

  it('keeps the words when nothing but noise is left', () => {
    expect(normaliseName('Asso Union')).toBe('asso union');
    expect(normaliseName('')).toBe('');
    expect(normaliseName(' - / ')).toBe('');
  });

  it('keeps its noise words in one exported list', () => {
    for (const word of ['association', 'scop', 'scic', 'mutuelle', 'fondation', 'sur']) {
      expect(NAME_NOISE_WORDS.has(word)).toBe(true);
    }
  });
});

describe('nameSimilarity', () => {
  it('rates the bank’s spelling of a name as the name', () => {
    expect(
      nameSimilarity('ASSOC LES JARDINS PARTAGES DU PANIER', 'Les Jardins Partagés du Panier'),
    ).toBeGreaterThanOrEqual(0.9);
  });

  it('ignores where the legal form goes', () => {
    expect(nameSimilarity('SCOP ARL LE RELAIS', 'Le Relais SCOP')).toBeGreaterThanOrEqual(0.9);
  });

  it('rates unrelated organisations low', () => {
    expect(
      nameSimilarity('MUTUELLE DES PROVENCES', 'Association Les Jardins Partagés'),
    ).toBeLessThan(0.3);
    expect(nameSimilarity('Le Relais', 'Énergie Citoyenne')).toBeLessThan(0.3);
  });

  it('ignores accents, case and word order', () => {
    expect(nameSimilarity('ÉNERGIE CITOYENNE', 'energie citoyenne')).toBe(1);
    expect(nameSimilarity('Citoyenne Énergie', 'Énergie Citoyenne')).toBe(1);
  });

  it('survives truncation, run-together words and typos', () => {
    expect(
      nameSimilarity('JARDINS PARTAGES DU PAN', 'Les Jardins Partagés du Panier'),
    ).toBeGreaterThanOrEqual(0.8);
    expect(nameSimilarity('JARDINSPARTAGES', 'Jardins Partagés')).toBeGreaterThanOrEqual(0.9);
    expect(nameSimilarity('Jardin Partagé', 'Jardins Partagés')).toBeGreaterThanOrEqual(0.75);
  });

  it('rates a name inside a longer one as related, not identical', () => {
    const similarity = nameSimilarity('RELAIS', 'Relais Emmaüs Provence');
    expect(similarity).toBeGreaterThan(0.5);
    expect(similarity).toBeLessThan(0.85);
  });

  it('is symmetric and within [0, 1]', () => {
    const names = [
      'ASSOC LES JARDINS PARTAGES DU PANIER',
      'Les Jardins Partagés',
      'SCOP ARL LE RELAIS',
      'Relais Emmaüs Provence',
      'MUTUELLE DES PROVENCES',
      'x',
      '',
    ];
    for (const a of names) {
      for (const b of names) {
        const ab = nameSimilarity(a, b);
        expect(ab).toBe(nameSimilarity(b, a));
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1);
      }
    }
  });

  it('gives 0 when a side has no name', () => {
    expect(nameSimilarity('', 'Le Relais')).toBe(0);
    expect(nameSimilarity('', '')).toBe(0);
  });
});

describe('prepareName and nameCoverage', () => {
  it('keeps sorted distinct words, in the singular, and trigrams', () => {
    const prepared = prepareName('Paniers Jardins Panier');
    expect(prepared.tokens).toEqual(['jardin', 'panier']);
    const trigrams = [...prepared.trigrams];
    expect(trigrams).toEqual([...new Set(trigrams)].sort((a, b) => a - b));
  });

  it('measures how much of a name a text carries', () => {
    const text = prepareName('VIR ASSO JARDINS PARTAGES FACT F2026000042').tokens;
    expect(nameCoverage(prepareName('Les Jardins Partagés du Panier'), text)).toBeCloseTo(2 / 3);
    expect(nameCoverage(prepareName('Le Relais'), text)).toBe(0);
  });
});
