import { writeFileSync } from 'node:fs';
import { pdfLines } from '@mutualis/testing';
import { ConventionTerms, scheduleOf } from '../domain/convention-terms';
import { renderConvention } from './convention.renderer';

const schedule = scheduleOf(
  new Date('2027-01-04T08:00:00Z'), // 9:00 in Paris
  new Date('2027-01-05T16:00:00Z'), // 17:00 the next day
);

export const sampleTerms: ConventionTerms = {
  kind: 'convention',
  reference: 'CF-2027-1A2B3C4D',
  issuedOn: '2026-12-07',
  chambre: {
    legalName: 'CRESS Provence-Alpes-Côte d’Azur',
    addressLines: ['2 place Sadi-Carnot', '13002 Marseille'],
    siret: '78111222200018',
    declarationNumber: '93131234513',
    city: 'Marseille',
    email: 'formation@cress.test',
    phone: '04 91 00 00 00',
  },
  organisation: {
    legalName: 'Les Lucioles — Œuvres d’éducation populaire',
    siret: '44306184100047',
    rna: 'W133012345',
    addressLines: ['12 rue de la République', '13001 Marseille'],
  },
  training: {
    title: 'Piloter une coopérative',
    summary: 'Deux jours pour maîtriser la gouvernance coopérative.',
    objectives: ['Connaître les instances', 'Animer une assemblée générale'],
    programme: ['Module 1 : les instances (3 h 30)', 'Module 2 : l’assemblée (3 h 30)'],
    prerequisites: 'Aucun',
    public: 'Dirigeants de SCOP',
    teachingMethods: 'Apports, études de cas.',
    evaluationMethods: 'Quiz en fin de module.',
    accessibility: 'Locaux accessibles ; référente : Awa Diallo, 04 91 00 00 01.',
    durationMinutes: schedule.minutes,
    schedule: schedule.lines,
    startsOn: schedule.startsOn,
    endsOn: schedule.endsOn,
    location: 'Cité des associations, 93 La Canebière, Marseille',
    remote: false,
  },
  trainees: ['Camille Martin', 'Léo Bernard'],
  price: {
    seats: 2,
    unitPriceCents: 45_000,
    totalExclVatCents: 90_000,
    totalVatCents: 0,
    totalInclVatCents: 90_000,
    vatRateBasisPoints: 0,
    vatMention: 'Exonération de TVA, art. 261, 4, 4° a du CGI',
  },
  cancellation: [
    { daysBefore: 7, refundPercent: 50 },
    { daysBefore: 14, refundPercent: 100 },
  ],
  paidAtConfirmation: false,
  paymentTermsDays: 30,
};

const text = async (pdf: Buffer) => pdfLines(pdf).join('\n').replace(/\s+/g, ' ');

describe('the convention de formation', () => {
  it('prints every mention the Code du travail requires', async () => {
    const pdf = await renderConvention(sampleTerms);
    if (process.env.CONVENTION_OUT) writeFileSync(process.env.CONVENTION_OUT, pdf);
    const printed = await text(pdf);
    for (const mention of [
      'Convention de formation professionnelle',
      'L6353-1 et L6353-2',
      'CRESS Provence-Alpes-Côte d’Azur',
      'SIRET 781 112 222 00018',
      'numéro 93131234513',
      'Les Lucioles — Œuvres d’éducation populaire',
      'RNA W133012345',
      'action de formation au sens de l’article L6313-1',
      'Connaître les instances',
      'Module 1 : les instances (3 h 30)',
      'Du lundi 4 janvier 2027 au mardi 5 janvier 2027, pour une durée totale de 14 h',
      'lundi 4 janvier 2027 : 9 h 00 – 12 h 30, 13 h 30 – 17 h 00',
      'Cité des associations, 93 La Canebière, Marseille',
      'Camille Martin, Léo Bernard',
      'Total hors taxes : 900,00 €',
      'Exonération de TVA, art. 261, 4, 4° a du CGI',
      'Total toutes taxes comprises : 900,00 €',
      'payable à réception de la facture émise par l’organisme de formation, au plus tard 30 jours',
      'jusqu’à 14 jours avant : 100 % remboursés',
      'moins de 7 jours avant : aucun remboursement',
      'L6354-1',
      'L6353-8',
      'En attente de signature',
    ]) {
      expect(printed).toContain(mention);
    }
    expect(printed).not.toContain('rétracter');
  });

  it('is a contrat with the withdrawal period when a person pays for themselves', async () => {
    const printed = await text(
      await renderConvention({ ...sampleTerms, kind: 'contrat', trainees: ['Camille Martin'] }),
    );
    expect(printed).toContain('Contrat de formation professionnelle');
    expect(printed).toContain('L6353-3 à L6353-7');
    expect(printed).toContain('dans un délai de dix jours à compter de la signature');
    expect(printed).toContain('supérieure à 30 % du prix convenu');
  });

  it('stamps the signatures given, with the hash of the version each one signed', async () => {
    const pdf = await renderConvention(sampleTerms, [
      {
        party: 'organisation',
        signerName: 'Awa Diallo',
        signerCapacity: 'Présidente',
        signedAt: new Date('2026-12-08T09:15:02Z'),
        documentSha256: 'a'.repeat(64),
        version: 1,
      },
    ]);
    if (process.env.CONVENTION_SIGNED_OUT) writeFileSync(process.env.CONVENTION_SIGNED_OUT, pdf);
    const printed = await text(pdf);
    expect(printed).toContain('Signé par Awa Diallo');
    expect(printed).toContain('En qualité de Présidente');
    expect(printed).toContain('Le 8 décembre 2026 à 10:15:02 (heure de Paris)');
    expect(printed).toContain(`${'a'.repeat(32)} ${'a'.repeat(32)}`);
    expect(printed).toContain('En attente de signature');
  });

  it('stamps both sides once both signed, each with its own version', async () => {
    const pdf = await renderConvention(sampleTerms, [
      {
        party: 'organisation',
        signerName: 'Awa Diallo',
        signerCapacity: 'Présidente',
        signedAt: new Date('2026-12-08T09:15:02Z'),
        documentSha256: 'a'.repeat(64),
        version: 1,
      },
      {
        party: 'chambre',
        signerName: 'Claire Fontaine',
        signerCapacity: 'Directrice',
        signedAt: new Date('2026-12-09T14:00:00Z'),
        documentSha256: 'b'.repeat(64),
        version: 2,
      },
    ]);
    if (process.env.CONVENTION_BOTH_OUT) writeFileSync(process.env.CONVENTION_BOTH_OUT, pdf);
    const printed = await text(pdf);
    expect(printed).toContain('Signé par Claire Fontaine');
    expect(printed).toContain('Version 2 signée');
    expect(printed).not.toContain('En attente de signature');
  });

  it('renders the same bytes for the same terms and signatures', async () => {
    const [first, second] = await Promise.all([
      renderConvention(sampleTerms),
      renderConvention(sampleTerms),
    ]);
    expect(first.equals(second)).toBe(true);
  });
});
