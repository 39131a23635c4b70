import { writeFileSync } from 'node:fs';
import { completeTrainingPedagogy, pdfLines } from '@mutualis/testing';
import { ConvocationSheet, renderConvocation, scheduleOf } from './convocation.renderer';

const sheet: ConvocationSheet = {
  body: {
    legalName: 'CRESS Provence-Alpes-Côte d’Azur',
    addressLines: ['2 place Sadi-Carnot', '13002 Marseille'],
    siret: '78111222200018',
    declarationNumber: '93131234513',
    email: 'formation@cress-paca.org',
    phone: '04 91 00 00 00',
    city: 'Marseille',
  },
  trainee: { name: 'Inès Durand', organisationName: 'Les Lucioles' },
  offering: {
    title: 'Être employeur associatif : les fondamentaux',
    deliveryMode: 'on_site',
    pedagogy: completeTrainingPedagogy({ whatToBring: 'Un ordinateur portable' }),
  },
  // Two days, 9:00–17:00 Paris time (UTC+1 in December).
  session: {
    startsAt: new Date('2026-12-14T08:00:00Z'),
    endsAt: new Date('2026-12-15T16:00:00Z'),
    location: 'Cité des associations, 93 La Canebière, 13001 Marseille',
    remoteUrl: null,
  },
  trainer: { name: 'Claire Roux', email: 'claire.roux@example.org' },
  revised: false,
  issuedAt: new Date('2026-12-07T08:00:00Z'),
};

describe('a trainee’s convocation', () => {
  it('states the training, its days and hours in Paris time, the place, what to bring, the accessibility referent and contacts', async () => {
    const pdf = await renderConvocation(sheet);
    if (process.env.CONVOCATION_PDF_OUT) writeFileSync(process.env.CONVOCATION_PDF_OUT, pdf);
    const text = pdfLines(pdf).join('\n').replace(/\s+/g, ' ');
    for (const expected of [
      'Déclaration d’activité enregistrée sous le numéro 93131234513',
      'Convocation à une formation',
      'Inès Durand (Les Lucioles)',
      '« Être employeur associatif : les fondamentaux »',
      'Lundi 14 décembre 2026 : 9 h 00 – 12 h 30 et 13 h 30 – 17 h 00',
      'Mardi 15 décembre 2026 : 9 h 00 – 12 h 30 et 13 h 30 – 17 h 00',
      'Durée totale : 14 h',
      'Modalité : En présentiel',
      'Adresse : Cité des associations, 93 La Canebière, 13001 Marseille',
      'Rédiger un contrat de travail conforme',
      '2. Le contrat de travail',
      'À prévoir',
      'Un ordinateur portable',
      'Référent handicap : Claire Martin · handicap@chambre-test.fr',
      'Intervenant : Claire Roux · claire.roux@example.org',
      'Organisme de formation : CRESS Provence-Alpes-Côte d’Azur · formation@cress-paca.org',
      'Fait à Marseille, le 7 décembre 2026',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('annule et remplace');
  });

  it('says a revised one replaces the earlier, and gives the link of a remote session', async () => {
    const pdf = await renderConvocation({
      ...sheet,
      revised: true,
      offering: { ...sheet.offering, deliveryMode: 'remote' },
      session: { ...sheet.session, location: null, remoteUrl: 'https://visio.example.org/abc' },
    });
    const text = pdfLines(pdf).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Convocation modifiée');
    expect(text).toContain('annule et remplace la précédente');
    expect(text).toContain('Lien de connexion : https://visio.example.org/abc');
    expect(text).toContain('Modalité : À distance (classe virtuelle)');
  });

  it('counts the hours of the half-days, lunch left out', () => {
    expect(scheduleOf(sheet.session).totalMinutes).toBe(840);
  });
});
