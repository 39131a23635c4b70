import {
  FEC_COLUMNS,
  checkFecBalance,
  fecFileName,
  toFecAmount,
  writeFec,
  type FecEntry,
} from './fec';

const SALE: FecEntry = {
  journalCode: 'VE',
  journalLabel: 'Ventes',
  number: 'VE000001',
  date: '2026-03-01',
  pieceRef: 'F-2026-000042',
  pieceDate: '2026-03-01',
  validationDate: '2026-03-02',
  lines: [
    {
      accountNumber: '411000',
      accountLabel: 'Clients',
      auxiliaryNumber: 'C0042',
      auxiliaryLabel: 'Les Jardins Partagés du Panier',
      label: 'Facture F-2026-000042',
      debitCents: 123_450,
      creditCents: 0,
      letteringCode: 'AA',
      letteringDate: '2026-04-03',
    },
    {
      accountNumber: '706000',
      accountLabel: 'Prestations de services',
      label: 'Facture F-2026-000042',
      debitCents: 0,
      creditCents: 102_875,
    },
    {
      accountNumber: '445710',
      accountLabel: 'TVA collectée',
      label: 'Facture F-2026-000042',
      debitCents: 0,
      creditCents: 20_575,
    },
  ],
};

const RECEIPT: FecEntry = {
  journalCode: 'BQ',
  journalLabel: 'Banque',
  number: 'BQ000001',
  date: '2026-04-03',
  pieceRef: 'RLV-2026-04',
  pieceDate: '2026-04-03',
  validationDate: '2026-04-04',
  lines: [
    {
      accountNumber: '512000',
      accountLabel: 'Banque',
      label: 'Virement Jardins Partagés',
      debitCents: 123_450,
      creditCents: 0,
    },
    {
      accountNumber: '411000',
      accountLabel: 'Clients',
      auxiliaryNumber: 'C0042',
      auxiliaryLabel: 'Les Jardins Partagés du Panier',
      label: 'Virement Jardins Partagés',
      debitCents: 0,
      creditCents: 123_450,
      letteringCode: 'AA',
      letteringDate: '2026-04-03',
    },
  ],
};

const STRIPE_FEE: FecEntry = {
  journalCode: 'BQ',
  journalLabel: 'Banque',
  number: 'BQ000002',
  date: '2026-04-05',
  pieceRef: 'po_1Abc',
  pieceDate: '2026-04-05',
  validationDate: '2026-04-05',
  lines: [
    {
      accountNumber: '627000',
      accountLabel: 'Services bancaires',
      label: 'Frais Stripe',
      debitCents: 365,
      creditCents: 0,
    },
    {
      accountNumber: '512000',
      accountLabel: 'Banque',
      label: 'Frais Stripe',
      debitCents: 0,
      creditCents: 365,
    },
  ],
};

describe('toFecAmount', () => {
  it.each([
    [0, '0,00'],
    [5, '0,05'],
    [1_234_50, '1234,50'],
    [100_000_000_00, '100000000,00'],
    [-1_230, '-12,30'],
  ])('%d cents → %s', (cents, text) => {
    expect(toFecAmount(cents)).toBe(text);
  });

  it('refuses fractions of a cent', () => {
    expect(() => toFecAmount(1.5)).toThrow(RangeError);
    expect(() => toFecAmount(Number.NaN)).toThrow(RangeError);
  });
});

describe('writeFec', () => {
  const text = writeFec([SALE, RECEIPT, STRIPE_FEE]);
  const rows = text.split('\r\n');

  it('starts with the header of the 18 columns and ends every row with CRLF', () => {
    expect(FEC_COLUMNS).toHaveLength(18);
    expect(rows[0]).toBe(FEC_COLUMNS.join('\t'));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(rows).toHaveLength(1 + 3 + 2 + 2 + 1); // header, lines, and the empty tail
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes the sale as A47 A-1 wants it', () => {
    expect(rows[1].split('\t')).toEqual([
      'VE',
      'Ventes',
      'VE000001',
      '20260301',
      '411000',
      'Clients',
      'C0042',
      'Les Jardins Partagés du Panier',
      'F-2026-000042',
      '20260301',
      'Facture F-2026-000042',
      '1234,50',
      '0,00',
      'AA',
      '20260403',
      '20260302',
      '',
      '',
    ]);
    expect(rows[2]).toBe(
      'VE\tVentes\tVE000001\t20260301\t706000\tPrestations de services\t\t\tF-2026-000042\t' +
        '20260301\tFacture F-2026-000042\t0,00\t1028,75\t\t\t20260302\t\t',
    );
  });

  it('writes the bank receipt and the Stripe fee', () => {
    expect(rows[4].split('\t').slice(0, 5)).toEqual([
      'BQ',
      'Banque',
      'BQ000001',
      '20260403',
      '512000',
    ]);
    expect(rows[7].split('\t').slice(10, 13)).toEqual(['Frais Stripe', '0,00', '3,65']);
  });

  it('balances overall and per entry, with 18 columns on every row', () => {
    expect(checkFecBalance(text)).toEqual({
      entries: 3,
      debitCents: 123_450 + 123_450 + 365,
      creditCents: 123_450 + 123_450 + 365,
      unbalancedEntries: [],
      columns: [18],
    });
  });

  it('keeps tabs and line breaks out of the fields, and trims them', () => {
    const messy: FecEntry = {
      ...STRIPE_FEE,
      journalLabel: '  Banque\t principale ',
      lines: STRIPE_FEE.lines.map((line) => ({ ...line, label: 'Frais\r\nStripe\tavril ' })),
    };
    const written = writeFec([messy]);
    expect(checkFecBalance(written).columns).toEqual([18]);
    const fields = written.split('\r\n')[1].split('\t');
    expect(fields[1]).toBe('Banque  principale');
    expect(fields[10]).toBe('Frais  Stripe avril');
  });

  it.each([
    '=HYPERLINK("http://x","y")',
    '+33 6 12 34 56 78',
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '\uFF1DHYPERLINK("http://x","y")',
  ])(
    'writes a name a spreadsheet would run as a formula (%j) as text, amounts untouched',
    (name) => {
      const hostile: FecEntry = {
        ...SALE,
        lines: SALE.lines.map((line) => ({
          ...line,
          label: `${name} Facture F-2026-000042`,
          ...(line.auxiliaryLabel ? { auxiliaryLabel: name } : {}),
        })),
      };
      const written = writeFec([hostile]);
      const fields = written.split('\r\n')[1].split('\t');
      expect(fields[FEC_COLUMNS.indexOf('CompAuxLib')]).toBe(`'${name}`);
      expect(fields[FEC_COLUMNS.indexOf('EcritureLib')]).toBe(`'${name} Facture F-2026-000042`);
      expect(fields[FEC_COLUMNS.indexOf('Debit')]).toBe('1234,50');
      // Every cell of every row: none starts a formula, and the file still reads as a FEC.
      for (const row of written.split('\r\n').slice(1, -1)) {
        for (const cell of row.split('\t')) expect(cell).not.toMatch(/^[=+\-@\uFF1D]/);
      }
      expect(checkFecBalance(written)).toMatchObject({ columns: [18], unbalancedEntries: [] });
    },
  );

  it('writes just the header for no entries', () => {
    expect(writeFec([])).toBe(`${FEC_COLUMNS.join('\t')}\r\n`);
  });

  const line = SALE.lines[0];
  it.each<[string, FecEntry, RegExp]>([
    [
      'an unbalanced entry',
      { ...SALE, lines: [line, { ...SALE.lines[1], creditCents: 100 }] },
      /VE\/VE000001: unbalanced, debits 1234,50 ≠ credits 1,00/,
    ],
    [
      'a line with both debit and credit',
      { ...STRIPE_FEE, lines: [{ ...STRIPE_FEE.lines[0], creditCents: 365 }, STRIPE_FEE.lines[1]] },
      /BQ\/BQ000002: line 1: exactly one of debit and credit/,
    ],
    [
      'a line with neither',
      { ...STRIPE_FEE, lines: [{ ...STRIPE_FEE.lines[0], debitCents: 0 }, STRIPE_FEE.lines[1]] },
      /BQ000002: line 1: exactly one/,
    ],
    [
      'a negative amount',
      {
        ...STRIPE_FEE,
        lines: [
          { ...STRIPE_FEE.lines[0], debitCents: -365 },
          { ...STRIPE_FEE.lines[1], creditCents: -365 },
        ],
      },
      /BQ000002: line 1: the debit is negative \(-3,65\)/,
    ],
    [
      'fractional cents',
      { ...STRIPE_FEE, lines: [{ ...STRIPE_FEE.lines[0], debitCents: 36.5 }, STRIPE_FEE.lines[1]] },
      /BQ000002: line 1: the debit is not whole cents/,
    ],
    ['a malformed date', { ...SALE, date: '01/03/2026' }, /VE000001: the entry date/],
    ['an impossible date', { ...SALE, validationDate: '2026-02-30' }, /VE000001: the validation/],
    [
      'a bad lettering date',
      { ...SALE, lines: [{ ...line, letteringDate: '2026-13-01' }, ...SALE.lines.slice(1)] },
      /VE000001: line 1: the lettering date/,
    ],
    [
      'a lettering code without its date',
      { ...SALE, lines: [{ ...line, letteringDate: undefined }, ...SALE.lines.slice(1)] },
      /VE000001: line 1: a lettering code needs its date/,
    ],
    [
      'an auxiliary number without its label',
      { ...SALE, lines: [{ ...line, auxiliaryLabel: ' ' }, ...SALE.lines.slice(1)] },
      /VE000001: line 1: an auxiliary account/,
    ],
    [
      'an account that is not of the plan comptable',
      { ...SALE, lines: [{ ...line, accountNumber: 'CLIENTS' }, ...SALE.lines.slice(1)] },
      /VE000001: line 1: the account number CLIENTS/,
    ],
    ['a single line', { ...SALE, lines: [line] }, /VE000001: an entry needs at least two lines/],
    ['an empty piece reference', { ...SALE, pieceRef: '\t' }, /VE000001: the piece reference/],
    ['no number', { ...SALE, number: '' }, /#1 \(no number\): the entry number is empty/],
  ])('refuses %s, naming the entry', (_case, entry, message) => {
    expect(() => writeFec([entry])).toThrow(RangeError);
    expect(() => writeFec([entry])).toThrow(message);
  });

  it('writes a zero-amount entry, its lines 0,00 on both sides', () => {
    const zero: FecEntry = {
      ...SALE,
      lines: SALE.lines.map((line) => ({ ...line, debitCents: 0, creditCents: 0 })),
    };
    const written = writeFec([zero]).split('\r\n').slice(1, -1);
    expect(written).toHaveLength(SALE.lines.length);
    for (const row of written) expect(row.split('\t').slice(11, 13)).toEqual(['0,00', '0,00']);
  });

  it('refuses a number used twice in a journal, but not across journals', () => {
    expect(() => writeFec([RECEIPT, { ...STRIPE_FEE, number: 'BQ000001' }])).toThrow(
      /BQ\/BQ000001: the number is already used/,
    );
    expect(() => writeFec([SALE, { ...RECEIPT, number: 'VE000001' }])).not.toThrow();
  });
});

describe('checkFecBalance', () => {
  const header = FEC_COLUMNS.join('\t');
  const row = (number: string, debit: string, credit: string) =>
    [
      'BQ',
      'Banque',
      number,
      '20260403',
      '512000',
      'Banque',
      '',
      '',
      'P',
      '20260403',
      'L',
      debit,
      credit,
      '',
      '',
      '20260403',
      '',
      '',
    ].join('\t');

  it('names the unbalanced entries and counts odd rows', () => {
    const text = [
      header,
      row('1', '10,00', '0,00'),
      row('1', '0,00', '10,00'),
      row('2', '5,00', '0,00'),
      row('2', '0,00', '4,99'),
      'BQ\tshort',
    ].join('\n');
    expect(checkFecBalance(text)).toEqual({
      entries: 2,
      debitCents: 1_500,
      creditCents: 1_499,
      unbalancedEntries: ['BQ/2'],
      columns: [18, 2],
    });
  });

  it('refuses a text without the FEC header, or with a malformed amount', () => {
    expect(() => checkFecBalance('Journal\tDate\n')).toThrow(RangeError);
    expect(() => checkFecBalance(`${header}\n${row('1', '10.00', '0,00')}`)).toThrow(/Row 2/);
  });
});

describe('fecFileName', () => {
  it('names the file after the SIREN and the closing date', () => {
    expect(fecFileName('781112220', '2026-12-31')).toBe('781112220FEC20261231.txt');
  });

  it.each([
    ['12345678', '2026-12-31'],
    ['1234567890', '2026-12-31'],
    ['78111222A', '2026-12-31'],
    ['781 112 220', '2026-12-31'],
    ['781112220', '31/12/2026'],
    ['781112220', '2026-02-29'],
  ])('refuses %s closing on %s', (siren, date) => {
    expect(() => fecFileName(siren, date)).toThrow(RangeError);
  });
});
