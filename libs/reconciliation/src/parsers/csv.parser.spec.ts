import { createRfReference } from '@mutualis/invoicing';
import {
  BUILT_IN_CSV_PROFILES,
  MAX_CSV_CELLS,
  MAX_CSV_CELL_CHARACTERS,
  MAX_CSV_ROWS,
  MAX_CSV_ROW_CHARACTERS,
  detectCsvProfile,
  parseAmount,
  parseBankCsv,
} from './csv.parser';
import { type CsvProfile, type ParsedTransaction, StatementFormatError } from './statement-types';

const profile = (id: string): CsvProfile => {
  const found = BUILT_IN_CSV_PROFILES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no built-in profile ${id}`);
  return found;
};

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const utf8 = (text: string) => Buffer.concat([BOM, Buffer.from(text, 'utf8')]);

/** The few non-ASCII characters these statements use, at their ISO-8859-15 code points. */
const LATIN_9: Record<string, number> = {
  é: 0xe9,
  è: 0xe8,
  ê: 0xea,
  à: 0xe0,
  ç: 0xe7,
  ô: 0xf4,
  É: 0xc9,
  È: 0xc8,
  '€': 0xa4,
  '°': 0xb0,
  '\u00a0': 0xa0,
};
function latin9(text: string): Buffer {
  return Buffer.from(
    [...text].map((character) => {
      const code = character.charCodeAt(0);
      if (code < 0x80) return code;
      const byte = LATIN_9[character];
      if (byte === undefined) throw new Error(`no ISO-8859-15 byte for ${character} in this test`);
      return byte;
    }),
  );
}

function formatError(run: () => unknown): StatementFormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof StatementFormatError) return error;
    throw error;
  }
  throw new Error('expected a StatementFormatError');
}

const reference = createRfReference('539007547034');
const JARDINS_LABEL = 'VIR SEPA ASSOCIATION LES JARDINS PARTAGÉS - Réf RF18 5390 0754 7034';

/** Four preamble lines, the header on line 5, movements on lines 6 to 8, then totals. */
const DEBIT_CREDIT_STATEMENT = [
  'Relevé de compte;;;;',
  'Compte courant n° 00012345678;;;;',
  'Période du 01/03/2026 au 31/03/2026;;;;',
  ';;;;',
  'Date;Date de valeur;Libellé;Débit;Crédit',
  `02/03/2026;02/03/2026;${JARDINS_LABEL};;120,00`,
  '03/03/2026;04/03/2026;PRLV SEPA ÉLECTRICITÉ DE FRANCE;45,90;',
  "05/03/2026;05/03/2026;REMISE CHÈQUES N° 1234 à l'agence Côte d'Azur;0,00;1\u00a0234,56 €",
  ';;Total des opérations;45,90;1 354,56',
  'Solde créditeur au 31/03/2026;;;;1 308,66 €',
  '',
];

const EXPECTED: ParsedTransaction[] = [
  {
    accountIban: null,
    bookingDate: '2026-03-02',
    valueDate: '2026-03-02',
    amountCents: 12000,
    direction: 'credit',
    currency: 'EUR',
    bankReference: null,
    batchPosition: null,
    counterpartyName: null,
    counterpartyIban: null,
    remittanceInfo: JARDINS_LABEL,
    creditorReference: reference,
    source: 'line 6',
  },
  {
    accountIban: null,
    bookingDate: '2026-03-03',
    valueDate: '2026-03-04',
    amountCents: 4590,
    direction: 'debit',
    currency: 'EUR',
    bankReference: null,
    batchPosition: null,
    counterpartyName: null,
    counterpartyIban: null,
    remittanceInfo: 'PRLV SEPA ÉLECTRICITÉ DE FRANCE',
    creditorReference: null,
    source: 'line 7',
  },
  {
    accountIban: null,
    bookingDate: '2026-03-05',
    valueDate: '2026-03-05',
    amountCents: 123456,
    direction: 'credit',
    currency: 'EUR',
    bankReference: null,
    batchPosition: null,
    counterpartyName: null,
    counterpartyIban: null,
    remittanceInfo: "REMISE CHÈQUES N° 1234 à l'agence Côte d'Azur",
    creditorReference: null,
    source: 'line 8',
  },
];

describe('parseBankCsv', () => {
  describe('encodings', () => {
    it('reads a UTF-8 export with BOM, accents intact, past its preamble and totals', () => {
      expect(JARDINS_LABEL.replace(/ /g, '')).toContain(reference);
      const parsed = parseBankCsv(
        utf8(DEBIT_CREDIT_STATEMENT.join('\n')),
        profile('fr-debit-credit'),
      );
      expect(parsed).toEqual({ format: 'csv', version: null, transactions: EXPECTED });
    });

    it('reads the same export in ISO-8859-15 (CRLF lines) to identical transactions', () => {
      const bytes = latin9(DEBIT_CREDIT_STATEMENT.join('\r\n'));
      expect(bytes.includes(0xa4)).toBe(true);
      expect(parseBankCsv(bytes, profile('fr-debit-credit')).transactions).toEqual(EXPECTED);
    });

    it('keeps characters ISO-8859-15 lacks when the file is UTF-8', () => {
      const label = 'VIR SEPA ASSOCIATION LES JARDINS PARTAGÉS — Réf RF18 5390 0754 7034';
      const csv = `Date;Libellé;Montant(EUROS)\n02/03/2026;${label};120,00\n`;
      const [transaction] = parseBankCsv(utf8(csv), profile('fr-simple')).transactions;
      expect(transaction.remittanceInfo).toBe(label);
      expect(transaction.creditorReference).toBe(reference);
    });

    it('refuses ISO-8859-15 bytes under a profile that says UTF-8, at their line', () => {
      const strict: CsvProfile = { ...profile('fr-debit-credit'), encoding: 'utf-8' };
      const error = formatError(() =>
        parseBankCsv(latin9(DEBIT_CREDIT_STATEMENT.join('\n')), strict),
      );
      expect(error.location).toBe('line 1');
      expect(error.message).toMatch(/not valid UTF-8/);
    });
  });

  describe('layouts', () => {
    it('reads a signed amount column: sign, grouping spaces, decimals, two-digit years, quoted lines', () => {
      const csv = [
        'Date opération;Date valeur;Libellé;Montant',
        '02/03/2026;02/03/2026;VIR SEPA FONDATION ALPES SOLIDAIRES Facture F-2026-000042;+120,00',
        '03/03/2026;03/03/2026;FRAIS TENUE DE COMPTE;-4,50',
        '04/03/26;05/03/26;VIR SEPA SCOP LES ATELIERS DU SUD;1\u202f234,5',
        '05/03/2026;;"PRLV SEPA URSSAF; COTISATIONS',
        'MARS 2026";\u22122\u00a0300,00',
        '06/03/2026;06/03/2026;"CB ""LA FABRIQUE"" MARSEILLE";-12 €',
      ].join('\n');
      const parsed = parseBankCsv(Buffer.from(csv, 'utf8'), profile('fr-signed-amount'));
      expect(
        parsed.transactions.map(({ amountCents, direction, bookingDate, valueDate, source }) => ({
          amountCents,
          direction,
          bookingDate,
          valueDate,
          source,
        })),
      ).toEqual([
        {
          amountCents: 12000,
          direction: 'credit',
          bookingDate: '2026-03-02',
          valueDate: '2026-03-02',
          source: 'line 2',
        },
        {
          amountCents: 450,
          direction: 'debit',
          bookingDate: '2026-03-03',
          valueDate: '2026-03-03',
          source: 'line 3',
        },
        {
          amountCents: 123450,
          direction: 'credit',
          bookingDate: '2026-03-04',
          valueDate: '2026-03-05',
          source: 'line 4',
        },
        {
          amountCents: 230000,
          direction: 'debit',
          bookingDate: '2026-03-05',
          valueDate: null,
          source: 'line 5',
        },
        {
          amountCents: 1200,
          direction: 'debit',
          bookingDate: '2026-03-06',
          valueDate: '2026-03-06',
          source: 'line 7',
        },
      ]);
      expect(parsed.transactions[0].remittanceInfo).toBe(
        'VIR SEPA FONDATION ALPES SOLIDAIRES Facture F-2026-000042',
      );
      expect(parsed.transactions[3].remittanceInfo).toBe('PRLV SEPA URSSAF; COTISATIONS MARS 2026');
      expect(parsed.transactions[4].remittanceInfo).toBe('CB "LA FABRIQUE" MARSEILLE');
    });

    it('matches headers without regard to case, accents or spaces', () => {
      const csv = 'DATE;LIBELLE;MONTANT (EUROS)\n12/03/26;COTISATION 2026;-12,00\n';
      const [transaction] = parseBankCsv(
        Buffer.from(csv, 'utf8'),
        profile('fr-simple'),
      ).transactions;
      expect(transaction).toMatchObject({
        bookingDate: '2026-03-12',
        valueDate: null,
        amountCents: 1200,
        direction: 'debit',
        source: 'line 2',
      });
    });

    it('reads a custom profile: comma separated, decimal point, ISO dates, party and reference columns', () => {
      const custom: CsvProfile = {
        id: 'custom-bank',
        name: 'Custom bank',
        delimiter: ',',
        encoding: 'utf-8',
        decimalSeparator: '.',
        dateFormat: 'yyyy-MM-dd',
        columns: {
          bookingDate: 'Booking date',
          label: 'Details',
          amount: 'Amount',
          counterpartyName: 'Counterparty',
          reference: 'Reference',
        },
      };
      const csv = [
        'Booking date,Details,Counterparty,Reference,Amount',
        `2026-03-02,"VIR ${reference.toLowerCase()}, MERCI",Association Les Jardins Partagés,BQ-0001,"1,234.56"`,
        '2026-03-03,FRAIS,,,-0.50',
      ].join('\r\n');
      expect(parseBankCsv(Buffer.from(csv, 'utf8'), custom).transactions).toEqual([
        {
          accountIban: null,
          bookingDate: '2026-03-02',
          valueDate: null,
          amountCents: 123456,
          direction: 'credit',
          currency: 'EUR',
          bankReference: 'BQ-0001',
          batchPosition: null,
          counterpartyName: 'Association Les Jardins Partagés',
          counterpartyIban: null,
          remittanceInfo: `VIR ${reference.toLowerCase()}, MERCI`,
          creditorReference: reference,
          source: 'line 2',
        },
        {
          accountIban: null,
          bookingDate: '2026-03-03',
          valueDate: null,
          amountCents: 50,
          direction: 'debit',
          currency: 'EUR',
          bankReference: null,
          batchPosition: null,
          counterpartyName: null,
          counterpartyIban: null,
          remittanceInfo: 'FRAIS',
          creditorReference: null,
          source: 'line 3',
        },
      ]);
    });
  });

  describe('refusals', () => {
    const signed = (rows: string[]) =>
      Buffer.from(
        [
          'Compte 00012345678',
          'Du 01/03/2026 au 31/03/2026',
          '',
          'Date opération;Date valeur;Libellé;Montant',
          ...rows,
        ].join('\n'),
        'utf8',
      );

    it('names the line, the column and the value of a bad amount', () => {
      const error = formatError(() =>
        parseBankCsv(
          signed(['02/03/2026;02/03/2026;VIR A;10,00', '03/03/2026;03/03/2026;VIR B;12,3,4']),
          profile('fr-signed-amount'),
        ),
      );
      expect(error.location).toBe('line 6');
      expect(error.message).toBe('line 6: "Montant" is not an amount: "12,3,4"');
    });

    it('rejects the amount of a dated row even after a total line', () => {
      const error = formatError(() =>
        parseBankCsv(
          signed([
            '02/03/2026;02/03/2026;VIR A;10,00',
            ';;Total;10,00',
            '04/03/2026;;VIR C;dix euros',
          ]),
          profile('fr-signed-amount'),
        ),
      );
      expect(error.message).toBe('line 7: "Montant" is not an amount: "dix euros"');
    });

    it.each([
      ['more than two decimals', '1,234', '"Montant" has more than 2 decimals: "1,234"'],
      ['an empty amount', '', '"Montant" is empty'],
      ['a zero amount', '0,00', '"Montant" is zero'],
      ['a misplaced grouping space', '12 34,56', '"Montant" is not an amount: "12 34,56"'],
    ])('refuses %s', (_case, amount, message) => {
      const error = formatError(() =>
        parseBankCsv(
          signed([`02/03/2026;02/03/2026;VIR A;${amount}`]),
          profile('fr-signed-amount'),
        ),
      );
      expect(error.message).toBe(`line 5: ${message}`);
    });

    it('refuses an impossible date', () => {
      const error = formatError(() =>
        parseBankCsv(signed(['31/02/2026;;VIR A;1,00']), profile('fr-signed-amount')),
      );
      expect(error.message).toBe('line 5: "Date opération" is not a date: "31/02/2026"');
    });

    it.each([
      [
        'both columns filled',
        '02/03/2026;02/03/2026;VIR;10,00;5,00',
        'both "Débit" and "Crédit" are filled',
      ],
      [
        'neither column filled',
        '02/03/2026;02/03/2026;VIR;;',
        'neither "Débit" nor "Crédit" is filled',
      ],
      [
        'a dated row cut short',
        '02/03/2026;02/03/2026;VIR',
        'neither "Débit" nor "Crédit" is filled',
      ],
    ])('refuses a debit/credit row with %s', (_case, row, message) => {
      const csv = `Date;Date de valeur;Libellé;Débit;Crédit\n${row}\n`;
      const error = formatError(() =>
        parseBankCsv(Buffer.from(csv, 'utf8'), profile('fr-debit-credit')),
      );
      expect(error.message).toBe(`line 2: ${message}`);
    });

    it('names the expected columns when no header row is found', () => {
      const error = formatError(() =>
        parseBankCsv(Buffer.from('Date;Texte;Somme\n02/03/2026;VIR;1,00\n'), profile('fr-simple')),
      );
      expect(error.location).toBeNull();
      expect(error.message).toBe(
        'no header row with the columns "Date", "Libellé", "Montant(EUROS)" in the first 20 lines (profile "fr-simple")',
      );
    });

    it('looks for the header in the first 20 lines only', () => {
      const preamble = Array.from({ length: 20 }, (_, index) => `Ligne ${index + 1}`);
      const csv = [...preamble, 'Date;Libellé;Montant(EUROS)', '02/03/2026;VIR;1,00'].join('\n');
      expect(() => parseBankCsv(Buffer.from(csv), profile('fr-simple'))).toThrow(/no header row/);
    });

    it('refuses a file without any transaction', () => {
      const csv = 'Date;Libellé;Montant(EUROS)\n;Total;0,00\n\n';
      const error = formatError(() => parseBankCsv(Buffer.from(csv), profile('fr-simple')));
      expect(error.message).toBe('no transaction found');
    });

    it('refuses a quoted field that is never closed, at the line it opens', () => {
      const csv = 'Date;Libellé;Montant(EUROS)\n02/03/2026;"VIR;1,00\n03/03/2026;VIR;2,00\n';
      const error = formatError(() => parseBankCsv(Buffer.from(csv), profile('fr-simple')));
      expect(error.location).toBe('line 2');
    });

    it('refuses a profile naming no amount column', () => {
      const broken: CsvProfile = {
        ...profile('fr-debit-credit'),
        columns: { bookingDate: 'Date', label: 'Libellé', debit: 'Débit' },
      };
      expect(() => parseBankCsv(Buffer.from(DEBIT_CREDIT_STATEMENT.join('\n')), broken)).toThrow(
        StatementFormatError,
      );
    });

    it('refuses a file over 20 MB', () => {
      expect(() =>
        parseBankCsv(Buffer.alloc(20 * 1024 * 1024 + 1, 0x20), profile('fr-simple')),
      ).toThrow(/more than the 20971520/);
    });
  });
});

describe('hostile files', () => {
  const SIMPLE_HEADER = 'Date;Libellé;Montant(EUROS)';
  const hostileCell = `1${' '.repeat(40_000)}x`;

  it('refuses a 40,000-character amount cell at the cell cap, naming its line, before reading any value', () => {
    // The amount once went through `\s*(?:€|EUR)$`, quadratic on this cell: seconds of CPU.
    const csv = [SIMPLE_HEADER, '01/03/2026;VIR A;1,00', `02/03/2026;VIR B;${hostileCell}`];
    const error = formatError(() =>
      parseBankCsv(Buffer.from(csv.join('\n')), profile('fr-simple')),
    );
    expect(error.location).toBe('line 3');
    expect(error.message).toBe(
      `line 3: cell 3 has more than ${MAX_CSV_CELL_CHARACTERS} characters, more than a bank statement writes in one cell`,
    );
  });

  it('reads an amount cell at the cap to its end and refuses it as not an amount', () => {
    const cell = `1${' '.repeat(MAX_CSV_CELL_CHARACTERS - 2)}x`;
    const error = formatError(() =>
      parseBankCsv(Buffer.from(`${SIMPLE_HEADER}\n02/03/2026;VIR;${cell}\n`), profile('fr-simple')),
    );
    expect(error.message).toBe(`line 2: "Montant(EUROS)" is not an amount: "${cell}"`);
  });

  it('says a quote may be left open when a quoted cell runs past the cap', () => {
    const csv = `${SIMPLE_HEADER}\n02/03/2026;"VIR;1,00\n${'03/03/2026;VIR;2,00\n'.repeat(100)}`;
    const error = formatError(() => parseBankCsv(Buffer.from(csv), profile('fr-simple')));
    expect(error.location).toBe('line 2');
    expect(error.message).toMatch(/opened on line 2, never closed\?\)$/);
  });

  it('refuses a row longer than the row cap and one with more cells than the cell-count cap', () => {
    const longRow = `02/03/2026;${Array.from({ length: 20 }, () => 'x'.repeat(900)).join(';')};1,00`;
    const tooLong = formatError(() =>
      parseBankCsv(Buffer.from(`${SIMPLE_HEADER}\n${longRow}\n`), profile('fr-simple')),
    );
    expect(tooLong.message).toBe(
      `line 2: the row has more than ${MAX_CSV_ROW_CHARACTERS} characters, more than a bank statement has`,
    );
    const manyCells = `02/03/2026;VIR;1,00${';'.repeat(MAX_CSV_CELLS)}`;
    const tooMany = formatError(() =>
      parseBankCsv(Buffer.from(`${SIMPLE_HEADER}\n${manyCells}\n`), profile('fr-simple')),
    );
    expect(tooMany.message).toBe(
      `line 2: the row has more than ${MAX_CSV_CELLS} cells, more than a bank statement has`,
    );
  });

  it('refuses a file of more than 100,000 transactions', () => {
    const row = '02/03/2026;VIR;1,00\n';
    const csv = `${SIMPLE_HEADER}\n${row.repeat(100_001)}`;
    const error = formatError(() => parseBankCsv(Buffer.from(csv), profile('fr-simple')));
    expect(error.message).toBe(
      'the file holds more than 100000 transactions; export a shorter period',
    );
  });

  it('refuses more rows than a statement has, blank ones included, at the first too many', () => {
    const csv = `${SIMPLE_HEADER}\n02/03/2026;VIR;1,00\n${'\n'.repeat(MAX_CSV_ROWS)}`;
    const error = formatError(() => parseBankCsv(Buffer.from(csv), profile('fr-simple')));
    expect(error.location).toBe(`line ${MAX_CSV_ROWS + 1}`);
    expect(error.message).toMatch(new RegExp(`more than ${MAX_CSV_ROWS} rows`));
  });

  it('still recognises the profile of a file whose hostile row comes after the header', () => {
    const csv = `${SIMPLE_HEADER}\n02/03/2026;VIR;${hostileCell}\n`;
    expect(detectCsvProfile(Buffer.from(csv), BUILT_IN_CSV_PROFILES)?.id).toBe('fr-simple');
  });

  it('reads amounts in one pass: a million-character amount is refused at once', () => {
    // Guard for the parser itself, below the cap: the old pattern would take hours on this.
    const huge = `1${' '.repeat(1_000_000)}x`;
    const started = process.hrtime.bigint();
    expect(parseAmount(huge, ',')).toEqual({ problem: 'is not an amount' });
    expect(parseAmount(`€${' '.repeat(1_000_000)}`, ',')).toEqual({ problem: 'is not an amount' });
    expect(parseAmount(`${'1 '.repeat(500_000)}x`, ',')).toEqual({ problem: 'is not an amount' });
    // Generous for a loaded machine: the linear reading takes tens of milliseconds.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2_000);
  });

  it.each([
    ['1 234,56', ',', 123_456, false],
    ['-45,00', ',', 4_500, true],
    ['+120,00 €', ',', 12_000, false],
    ['€ -12', ',', 1_200, true],
    ['EUR 1.234.567,8', ',', 123_456_780, false],
    ['\u22122\u00a0300,00', ',', 230_000, true],
    ['1,234.56 EUR', '.', 123_456, false],
    ['- 7.5', '.', 750, true],
  ] as const)('reads %s', (text, separator, cents, negative) => {
    expect(parseAmount(text, separator)).toEqual({ cents, negative });
  });

  it.each([
    ['', ','],
    ['€', ','],
    ['-', ','],
    ['1 23,00', ','],
    ['1234 567,00', ','],
    ['1..234', ','],
    ['12,', ','],
    [',5', ','],
    ['1,2,3', ','],
    ['1 234,56 $', ','],
    ['12,50', '.'],
  ] as const)('refuses %j', (text, separator) => {
    expect(parseAmount(text, separator)).toHaveProperty('problem');
  });
});

describe('detectCsvProfile', () => {
  it.each([
    ['fr-debit-credit', DEBIT_CREDIT_STATEMENT.join('\n')],
    ['fr-signed-amount', 'Date opération;Date valeur;Libellé;Montant\n02/03/2026;;VIR;1,00\n'],
    ['fr-simple', 'Compte 123\n\nDATE;LIBELLÉ;MONTANT(EUROS)\n02/03/2026;VIR;1,00\n'],
  ])('recognises %s from its header row', (id, csv) => {
    expect(detectCsvProfile(utf8(csv), BUILT_IN_CSV_PROFILES)?.id).toBe(id);
  });

  it('recognises an ISO-8859-15 export', () => {
    const bytes = latin9(DEBIT_CREDIT_STATEMENT.join('\r\n'));
    expect(detectCsvProfile(bytes, BUILT_IN_CSV_PROFILES)?.id).toBe('fr-debit-credit');
  });

  it('prefers the profile naming the most columns when several fit', () => {
    const withReference: CsvProfile = {
      ...profile('fr-simple'),
      id: 'fr-simple-reference',
      columns: { ...profile('fr-simple').columns, reference: 'Référence' },
    };
    const csv = 'Date;Référence;Libellé;Montant(EUROS)\n02/03/2026;R1;VIR;1,00\n';
    const profiles = [...BUILT_IN_CSV_PROFILES, withReference];
    expect(detectCsvProfile(Buffer.from(csv), profiles)?.id).toBe('fr-simple-reference');
  });

  it('decodes only the head of the file: an export cut there inside a UTF-8 character is still recognised', () => {
    const header = 'Date;Libellé;Montant(EUROS)\n';
    const row = `02/03/2026;VIR ${'É'.repeat(40)};1,00\n`;
    // The padding that puts the end of the detection's head (800,000 bytes) after the first
    // byte of an É.
    const csv = [0, 1, 2, 3]
      .map((pad) => utf8(`${' '.repeat(pad)}\n${header}${row.repeat(10_000)}`))
      .find((bytes) => bytes[800_000 - 1] === 0xc3);
    expect(csv).toBeDefined();
    expect(detectCsvProfile(csv!, BUILT_IN_CSV_PROFILES)?.id).toBe('fr-simple');
  });

  it('answers null for a layout no profile knows', () => {
    expect(detectCsvProfile(Buffer.from('Jour,Texte,Somme\n'), BUILT_IN_CSV_PROFILES)).toBeNull();
  });
});
