import { encodeFec } from './fec-encoding';

describe('encodeFec', () => {
  it('writes é and € as their ISO 8859-15 bytes', () => {
    expect([...encodeFec('é€', 'iso-8859-15')]).toEqual([0xe9, 0xa4]);
  });

  it('writes the characters ISO 8859-15 has and Latin-1 lacks', () => {
    expect([...encodeFec('ŠšŽžŒœŸ', 'iso-8859-15')]).toEqual([
      0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe,
    ]);
  });

  it('replaces typographic quotes and dashes by their nearest, anything else by ?', () => {
    expect(encodeFec('L’Atelier – «Ô» 😀', 'iso-8859-15').toString('latin1')).toBe(
      "L'Atelier - «Ô» ?",
    );
  });

  it('writes UTF-8 on request', () => {
    expect([...encodeFec('é€', 'utf-8')]).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac]);
  });
});
