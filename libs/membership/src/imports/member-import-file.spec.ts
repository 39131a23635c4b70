import { laPosteSiret, validSiret } from '@mutualis/testing';
import { MembershipException } from '../membership.exception';
import {
  centsOf,
  decodeImportFile,
  fold,
  parseImportFile,
  ValidImportLine,
  yearsOf,
} from './member-import-file';

const YEARS = { minYear: 2000, maxYear: 2027 };
const HEADER =
  'SIRET;RNA;Raison sociale;Forme juridique;Adresse;Code postal;Ville;E-mail de contact;Cotisation;Années payées';

function file(...lines: string[]): string {
  return [HEADER, ...lines].join('\n');
}

function only(text: string) {
  const parsed = parseImportFile(text, YEARS);
  expect(parsed.total).toBe(1);
  return parsed;
}

function reasonsOf(line: string): string[] {
  const parsed = only(file(line));
  expect(parsed.valid).toEqual([]);
  return parsed.refused[0].reasons;
}

describe('the member spreadsheet', () => {
  const siret = validSiret();

  it('maps a good line to the organisation, its family, fee in cents and paid years', () => {
    const parsed = only(
      file(
        `${siret};;Les Ateliers Réunis;SCOP;12 rue de la Paix;13001;Marseille;Contact@Ateliers.fr;"1 200,50";2024;2025`,
      ).replace('2024;2025', '"2024;2025"'),
    );
    expect(parsed.refused).toEqual([]);
    expect(parsed.valid[0]).toEqual<ValidImportLine>({
      line: 2,
      siret,
      rna: null,
      legalName: 'Les Ateliers Réunis',
      legalForm: 'scop',
      family: 'cooperative',
      addressLine1: '12 rue de la Paix',
      postalCode: '13001',
      city: 'Marseille',
      department: '13',
      contactEmail: 'contact@ateliers.fr',
      feeCents: 120_050,
      yearsPaid: [2024, 2025],
    });
  });

  it('accepts an association with only an RNA number, and commas between fields', () => {
    const text = [
      'siret,rna,raison sociale,forme juridique,adresse,code postal,ville,email de contact,cotisation,annees payees',
      ',W133001234,Les Amis du Lavoir,Association loi 1901,Place du Lavoir,83670,Barjols,a@b.fr,"50,00","2024, 2025"',
    ].join('\r\n');
    const parsed = only(text);
    expect(parsed.valid[0]).toMatchObject({
      siret: null,
      rna: 'W133001234',
      legalForm: 'association',
      family: 'association',
      feeCents: 5000,
      yearsPaid: [2024, 2025],
    });
  });

  it.each([
    ['Association loi 1901', 'association', 'association'],
    ['SCIC', 'scic', 'cooperative'],
    ['Coopérative', 'cooperative', 'cooperative'],
    ['MUTUELLE', 'mutuelle', 'mutual'],
    ['Fondation', 'fondation', 'foundation'],
    ['Entreprise ESUS', 'esus', 'commercial_ess'],
    ['Fédération', 'association', 'federation'],
  ])('reads the legal form « %s » as %s of the family %s', (written, legalForm, family) => {
    const rna = legalForm === 'association' ? 'W133001234' : '';
    const parsed = only(
      file(`${siret};${rna};X;${written};1 rue A;13001;Marseille;a@b.fr;10;2025`),
    );
    expect(parsed.valid[0]).toMatchObject({ legalForm, family });
  });

  it('honours La Poste’s SIRET exception', () => {
    const parsed = only(
      file(`${laPosteSiret()};;La Poste;Entreprise ESUS;1 rue A;13001;Marseille;a@b.fr;10;2025`),
    );
    expect(parsed.refused).toEqual([]);
  });

  it.each([
    [`12345678901234;;X;SCOP;1 rue A;13001;Marseille;a@b.fr;10;2025`, /invalid SIRET/],
    [`1234;;X;SCOP;1 rue A;13001;Marseille;a@b.fr;10;2025`, /invalid SIRET/],
    [`;W12;X;Association;1 rue A;13001;Marseille;a@b.fr;10;2025`, /invalid RNA/],
    [`;;X;SCOP;1 rue A;13001;Marseille;a@b.fr;10;2025`, /neither SIRET nor RNA/],
    [
      `SIRET;;X;Société anonyme;1 rue A;13001;Marseille;a@b.fr;10;2025`,
      /unknown legal form « Société anonyme »/,
    ],
    [
      `SIRET;W133001234;X;SCOP;1 rue A;13001;Marseille;a@b.fr;10;2025`,
      /RNA number belongs to associations/,
    ],
    [`SIRET;;X;Association;1 rue A;13001;Marseille;a@b.fr;10;2025`, /association needs its RNA/],
    [`SIRET;;X;SCOP;1 rue A;1300;Marseille;a@b.fr;10;2025`, /invalid postal code/],
    [`SIRET;;X;SCOP;1 rue A;00100;Marseille;a@b.fr;10;2025`, /invalid postal code/],
    [`SIRET;;X;SCOP;1 rue A;97900;Nulle-Part;a@b.fr;10;2025`, /invalid postal code/],
    [`SIRET;;X;SCOP;1 rue A;13001;Marseille;pas-un-mail;10;2025`, /invalid contact e-mail/],
    [`SIRET;;X;SCOP;1 rue A;13001;Marseille;;10;2025`, /invalid contact e-mail/],
    [`SIRET;;X;SCOP;1 rue A;13001;Marseille;a@b.fr;douze;2025`, /invalid amount/],
    [`SIRET;;X;SCOP;1 rue A;13001;Marseille;a@b.fr;-10;2025`, /invalid amount/],
    [`SIRET;;X;SCOP;1 rue A;13001;Marseille;a@b.fr;"10,555";2025`, /invalid amount/],
    [`SIRET;;X;SCOP;1 rue A;13001;Marseille;a@b.fr;10;1999`, /invalid year « 1999 »/],
    [`SIRET;;X;SCOP;1 rue A;13001;Marseille;a@b.fr;10;2030`, /invalid year « 2030 »/],
    [`SIRET;;X;SCOP;1 rue A;13001;Marseille;a@b.fr;10;"24;25"`, /invalid year « 24 »/],
    [`SIRET;;X;SCOP;1 rue A;13001;Marseille;a@b.fr;;2025`, /no cotisation for the years paid/],
    [`SIRET;;;SCOP;1 rue A;13001;Marseille;a@b.fr;10;2025`, /no legal name/],
    [`SIRET;;X;SCOP;;13001;Marseille;a@b.fr;10;2025`, /no address/],
    [`SIRET;;X;SCOP;1 rue A;13001;;a@b.fr;10;2025`, /no city/],
  ])('refuses %s with a reason', (line, reason) => {
    expect(reasonsOf(line.replace('SIRET', siret))).toEqual(
      expect.arrayContaining([expect.stringMatching(reason)]),
    );
  });

  it('reports every broken rule of a line, not only the first', () => {
    const reasons = reasonsOf(`123;;;Truc;;99999;;x;abc;20xx`);
    expect(reasons.length).toBeGreaterThanOrEqual(7);
  });

  it('refuses a line with more values than columns rather than drop what shifted off its end', () => {
    expect(
      reasonsOf(
        `${siret};;Les Ateliers Réunis;SCOP;12 rue de la Paix;13001;Marseille;a@b.fr;120;2024;2025`,
      ),
    ).toEqual(['11 values for 10 columns (a value holding « ; » needs quotes)']);
    // Empty cells after the last column (a spreadsheet's trailing separators) are no values.
    expect(
      only(
        file(
          `${siret};;Les Ateliers Réunis;SCOP;12 rue de la Paix;13001;Marseille;a@b.fr;120;2024;;`,
        ),
      ).valid,
    ).toHaveLength(1);
  });

  it('refuses the second line of the same SIRET or RNA, naming the first', () => {
    const parsed = parseImportFile(
      file(
        `${siret};;A;SCOP;1 rue A;13001;Marseille;a@b.fr;10;2025`,
        `${siret.slice(0, 3)} ${siret.slice(3)};;B;SCOP;1 rue B;13001;Marseille;b@b.fr;10;2025`,
        `;W133001234;C;Association;1 rue C;13001;Marseille;c@b.fr;10;2025`,
        `;w133001234;D;Association;1 rue D;13001;Marseille;d@b.fr;10;2025`,
      ),
      YEARS,
    );
    expect(parsed.valid.map((line) => line.line)).toEqual([2, 4]);
    expect(parsed.refused).toEqual([
      expect.objectContaining({ line: 3, reasons: ['duplicate of line 2'] }),
      expect.objectContaining({ line: 5, reasons: ['duplicate of line 4'] }),
    ]);
  });

  it('refuses a file without a required column, naming it (422)', () => {
    const text =
      'SIRET;Raison sociale;Adresse;Code postal;Ville;E-mail de contact;Cotisation\n1;2;3;4;5;6;7';
    let caught: unknown;
    try {
      parseImportFile(text, YEARS);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MembershipException);
    expect((caught as MembershipException).message).toMatch(/forme juridique.*années payées/);
  });

  it('refuses a file with neither a SIRET nor an RNA column', () => {
    expect(() =>
      parseImportFile(
        'Raison sociale;Forme juridique;Adresse;Code postal;Ville;E-mail de contact;Cotisation;Années payées\n',
        YEARS,
      ),
    ).toThrow(/siret or rna/);
  });

  it('refuses an empty file and one that is not a CSV', () => {
    expect(() => parseImportFile('', YEARS)).toThrow(MembershipException);
    expect(() => parseImportFile('%PDF-1.7\n"unterminated;', YEARS)).toThrow(MembershipException);
  });

  it('matches headers whatever their case, accents and spacing', () => {
    const text = [
      ' siret ;RNA;RAISON SOCIALE;forme  juridique;adresse;CODE POSTAL;ville;e-mail de contact;Cotisation;Année(s) payée(s)',
      `${siret};;X;SCOP;1 rue A;13001;Marseille;a@b.fr;10;2025`,
    ].join('\n');
    expect(parseImportFile(text, YEARS).valid).toHaveLength(1);
  });

  it('reads UTF-8 with a BOM and Windows-1252 alike', () => {
    const line = `${siret};;Café Coopératif;Coopérative;1 rue A;13001;Marseille;a@b.fr;10;2025`;
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(file(line), 'utf8')]);
    const latin = Buffer.from([...file(line)].map((character) => character.charCodeAt(0))); // é is 0xE9 in both Latin-1 and Windows-1252
    for (const content of [utf8, latin]) {
      const parsed = parseImportFile(decodeImportFile(content), YEARS);
      expect(parsed.valid[0]).toMatchObject({
        legalName: 'Café Coopératif',
        legalForm: 'cooperative',
      });
    }
  });
});

describe('amounts and years as people type them', () => {
  it.each([
    ['120', 12_000],
    ['120,5', 12_050],
    ['120,50', 12_050],
    ['1 200,50 €', 120_050],
    ['1.200,50', 120_050],
    ['120.50', 12_050],
    ['', 0],
    ['0', 0],
  ])('« %s » is %d cents', (written, cents) => expect(centsOf(written)).toBe(cents));

  it.each(['12,3,4', 'abc', '-5', '1,234', '10.5.5', '1e3'])('« %s » is no amount', (written) =>
    expect(centsOf(written)).toBeNull(),
  );

  it('reads years separated by semicolons, commas or spaces, once each', () => {
    expect(yearsOf('2025;2024, 2024 2023', YEARS)).toEqual([2023, 2024, 2025]);
    expect(yearsOf('', YEARS)).toEqual([]);
  });

  it('folds headers and legal forms', () => {
    expect(fold('  Année(s)  Payée(s) ')).toBe('annees payees');
    expect(fold('E-mail de contact')).toBe('e mail de contact');
  });
});
