import { invoiceFonts } from './invoice-fonts';

describe('invoice fonts', () => {
  it('are read and parsed once per process', () => {
    expect(invoiceFonts()).toBe(invoiceFonts());
  });

  it('hand each caller its own copy of a word shaped before, equal to the first', () => {
    const { regular } = invoiceFonts();
    const first = regular.layout('Facture ');
    const second = regular.layout('Facture ');
    expect(second).not.toBe(first);
    // PDFKit scales a run's positions in place: a shared one would be scaled twice.
    expect(second.positions[0]).not.toBe(first.positions[0]);
    expect(second.positions).toEqual(first.positions);
    expect(second.glyphs).toEqual(first.glyphs);
  });
});
