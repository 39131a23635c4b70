import { writeFileSync } from 'node:fs';
import { completeTrainingPedagogy, pdfLines } from '@mutualis/testing';
import { ProgrammeSheet, renderProgramme } from './programme.renderer';

const sheet: ProgrammeSheet = {
  body: {
    legalName: 'CRESS Provence-Alpes-Côte d’Azur',
    addressLines: ['2 place Sadi-Carnot', '13002 Marseille'],
    siret: '78111222200018',
    declarationNumber: '93131234513',
    email: 'formation@cress-paca.org',
    phone: '04 91 00 00 00',
    city: 'Marseille',
  },
  offering: {
    title: 'Être employeur associatif : les fondamentaux',
    summary: 'Deux jours pour maîtriser les obligations de l’employeur associatif.',
    deliveryMode: 'on_site',
    durationMinutes: 840,
    memberPriceCents: 36_000,
    nonMemberPriceCents: 52_000,
    vatMention: 'Prix nets de taxe : Exonération de TVA, art. 261, 4, 4° a du CGI.',
    pedagogy: completeTrainingPedagogy({
      modules: [
        { title: 'Le cadre juridique', content: 'Code du travail.', durationMinutes: 420 },
        { title: 'Le contrat de travail', content: 'Clauses essentielles.', durationMinutes: 420 },
      ],
    }),
  },
  trainerName: 'Claire Roux',
  versionAt: new Date('2026-12-07T10:00:00Z'),
};

describe('the programme of a training (R6353-1)', () => {
  it('states every element the law and Qualiopi ask for, in French', async () => {
    const pdf = await renderProgramme(sheet);
    if (process.env.PROGRAMME_PDF_OUT) writeFileSync(process.env.PROGRAMME_PDF_OUT, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfLines(pdf).join('\n').replace(/\s+/g, ' ');
    for (const expected of [
      'CRESS Provence-Alpes-Côte d’Azur',
      'SIRET 781 112 222 00018',
      'Déclaration d’activité enregistrée sous le numéro 93131234513',
      'Programme de formation',
      'Être employeur associatif : les fondamentaux',
      'Durée : 14 h par session',
      'Modalité : En présentiel',
      'Action de formation (art. L6313-1 du Code du travail)',
      'Intervenant : Claire Roux',
      'Objectifs pédagogiques',
      'Rédiger un contrat de travail conforme',
      'Public visé',
      'Dirigeants bénévoles et salariés d’associations employeuses',
      'Prérequis',
      'Aucun prérequis',
      '1. Le cadre juridique (7 h)',
      '2. Le contrat de travail (7 h)',
      'Méthodes pédagogiques',
      'Modalités d’évaluation',
      'Quiz en début et en fin de formation',
      'Accessibilité aux personnes en situation de handicap',
      'Référent handicap : Claire Martin · handicap@chambre-test.fr · 04 91 00 00 00',
      'Délai d’accès',
      'Inscription possible jusqu’à la veille de la session',
      'À prévoir',
      'Adhérents : 360,00 € HT par stagiaire',
      'Non-adhérents : 520,00 € HT par stagiaire',
      'Exonération de TVA, art. 261, 4, 4° a du CGI',
      'Programme à jour au 7 décembre 2026',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('renders the same bytes for the same content (a version is recorded only when it changes)', async () => {
    const [first, second] = await Promise.all([renderProgramme(sheet), renderProgramme(sheet)]);
    expect(first.equals(second)).toBe(true);
  });
});
