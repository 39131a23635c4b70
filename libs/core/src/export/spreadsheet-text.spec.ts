import { spreadsheetText, toSpreadsheetCsv } from './spreadsheet-text';

describe('spreadsheetText', () => {
  it.each([
    ['=HYPERLINK("http://x","y")'],
    ['+HYPERLINK("http://x","y")'],
    ['-HYPERLINK("http://x","y")'],
    ['@HYPERLINK("http://x","y")'],
    ['\t=1+1'],
    ['\r=1+1'],
    ['  =1+1'],
    ['\uFF1D1+1'],
    ['\uFF0B1+1'],
    ['\uFF0D1+1'],
    ['\uFF20SUM(A1)'],
    ['-1+2'],
    ['+33 6 12 34 56 78'],
  ])('prefixes %j with an apostrophe', (value) => {
    expect(spreadsheetText(value)).toBe(`'${value}`);
  });

  it.each([
    ['Association Les Jardins Partagés'],
    ['-12,50'],
    ['1234,00'],
    ['+5'],
    ['20261231'],
    ['F-2026-000042'],
    ['A = B'],
    [''],
    ["'=already text"],
  ])('leaves %j as it is', (value) => {
    expect(spreadsheetText(value)).toBe(value);
  });
});

describe('toSpreadsheetCsv', () => {
  it('neutralises formulas, quotes separators and quotes, keeps amounts as numbers', () => {
    const csv = toSpreadsheetCsv([
      ['Organisation', 'Montant'],
      ['=HYPERLINK("http://x";"y")', '-12,50'],
      ['SCOP; "Le Relais"', '1234,00'],
    ]);
    expect(csv).toBe(
      '\uFEFFOrganisation;Montant\r\n' +
        '"\'=HYPERLINK(""http://x"";""y"")";-12,50\r\n' +
        '"SCOP; ""Le Relais""";1234,00\r\n',
    );
  });
});
