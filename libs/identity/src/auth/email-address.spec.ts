import { normaliseEmail } from './email-address';

describe('normaliseEmail', () => {
  it('gives every İ (U+0130), case and width variant of an address the same form', () => {
    const variants = [
      'admin@demo.mutualis.fr',
      'ADMIN@DEMO.MUTUALIS.FR',
      'admİn@demo.mutualis.fr',
      'ADMİN@demo.mutualİs.fr',
      'ａｄｍｉｎ@demo.mutualis.fr',
      '  Admin@Demo.Mutualis.FR\u00a0',
    ];
    expect(new Set(variants.map(normaliseEmail))).toEqual(new Set(['admin@demo.mutualis.fr']));
  });

  it('maps the Kelvin sign and ligatures to their plain letters (NFKC)', () => {
    expect(normaliseEmail('\u212Aate@example.org')).toBe('kate@example.org');
    expect(normaliseEmail('\uFB01nance@example.org')).toBe('finance@example.org');
  });

  it('lower-cases a capital sigma the same wherever it stands (no final-sigma rule)', () => {
    expect(normaliseEmail('ΣΑΣ@example.gr')).toBe('σασ@example.gr');
  });

  it('keeps accents, which make different mailboxes', () => {
    expect(normaliseEmail('José@example.org')).toBe('josé@example.org');
    expect(normaliseEmail('José@example.org')).not.toBe(normaliseEmail('jose@example.org'));
  });

  it('lower-cases every code point to exactly one code point but U+0130 (the simple mapping holds)', () => {
    const multiple: number[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const lowered = String.fromCodePoint(codePoint).toLowerCase();
      if ([...lowered].length !== 1) multiple.push(codePoint);
    }
    expect(multiple).toEqual([0x130]);
  });

  it('is idempotent over the whole code space, so stored addresses stay as they are', () => {
    const unstable: number[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const once = normaliseEmail(`a${String.fromCodePoint(codePoint)}b`);
      if (normaliseEmail(once) !== once) unstable.push(codePoint);
    }
    expect(unstable).toEqual([]);
  });
});
