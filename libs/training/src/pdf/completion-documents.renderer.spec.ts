import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { pdfLines } from '@mutualis/testing';
import { AttendanceSheet, renderAttendanceSheet } from './attendance-sheet.renderer';
import {
  ATTENDANCE_EVALUATION_NOTE,
  renderAttestation,
  renderCertificate,
  resultsFromAttendance,
  TraineeCompletion,
} from './completion-documents.renderer';
import { formatHours } from '../domain/french-format';

const body = {
  legalName: 'CRESS Provence-Alpes-Côte d’Azur',
  addressLines: ['2 place Sadi-Carnot', '13002 Marseille'],
  siret: '78111222200018',
  email: null,
  phone: null,
  declarationNumber: '93131234513',
  city: 'Marseille',
};
// Two days, 9:00–17:00 Paris (UTC+1 in November): four half-days of 3 h 30.
const at = (iso: string) => new Date(iso);
const halfDays = [
  ['2026-11-16T08:00:00Z', '2026-11-16T11:30:00Z', 'morning'],
  ['2026-11-16T12:30:00Z', '2026-11-16T16:00:00Z', 'afternoon'],
  ['2026-11-17T08:00:00Z', '2026-11-17T11:30:00Z', 'morning'],
  ['2026-11-17T12:30:00Z', '2026-11-17T16:00:00Z', 'afternoon'],
] as const;

const text = (lines: string[]) => lines.join('\n').replace(/\s+/g, ' ');

function completion(attendedMinutes: number): TraineeCompletion {
  const objectives = ['Lire un bilan associatif', 'Construire un budget prévisionnel'];
  return {
    body,
    signatory: { name: 'Claire Fontaine', capacity: 'Directrice' },
    trainee: { name: 'Léa Martin' },
    organisation: { legalName: 'Les Lucioles' },
    training: {
      title: 'Gestion financière d’une association',
      objectives,
      startsAt: at(halfDays[0][0]),
      endsAt: at(halfDays[3][1]),
      place: 'Cité des associations, Marseille',
    },
    scheduledMinutes: 840,
    attendedMinutes,
    results: resultsFromAttendance(objectives, attendedMinutes, 840),
    evaluationMethods: 'Quiz de fin de module et étude de cas',
    evaluationNote: ATTENDANCE_EVALUATION_NOTE,
    issuedAt: at('2026-11-17T16:00:00Z'),
  };
}

describe('the completion documents', () => {
  let signature: Buffer;

  beforeAll(async () => {
    signature = await sharp(
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80">' +
          '<path d="M10 60 C 60 0, 90 90, 140 30 S 200 60, 230 20" stroke="#123" stroke-width="4" fill="none"/></svg>',
      ),
    )
      .png()
      .toBuffer();
  });

  it('prints hours the way the OPCOs read them', () => {
    expect(formatHours(840)).toBe('14 h');
    expect(formatHours(630)).toBe('10,5 h');
    expect(formatHours(195)).toBe('3,25 h');
  });

  it('decides each objective’s result from attendance when no evaluation was recorded', () => {
    expect(resultsFromAttendance(['a', 'b'], 840, 840)).toEqual(['acquis', 'acquis']);
    expect(resultsFromAttendance(['a'], 630, 840)).toEqual(['en cours d’acquisition']);
    expect(resultsFromAttendance(['a'], 0, 840)).toEqual(['non évalué']);
  });

  it('the attestation de fin de formation states objectives, nature, duration and results (L6353-1)', async () => {
    const pdf = await renderAttestation(completion(630));
    if (process.env.TRAINING_PDF_OUT)
      writeFileSync(`${process.env.TRAINING_PDF_OUT}/attestation.pdf`, pdf);
    const printed = text(pdfLines(pdf));
    for (const expected of [
      'Attestation de fin de formation',
      'Article L6353-1 du Code du travail',
      'CRESS Provence-Alpes-Côte d’Azur',
      'SIRET 781 112 222 00018',
      'Déclaration d’activité n° 93131234513',
      'Léa Martin',
      'de l’organisation Les Lucioles',
      'Gestion financière d’une association',
      'Action de formation (article L6313-1 du Code du travail)',
      'du 16 novembre 2026 au 17 novembre 2026',
      'Cité des associations, Marseille',
      'Durée de la formation : 14 h',
      'Durée suivie : 10,5 h sur 14 h',
      'Objectifs et résultats de l’évaluation des acquis',
      'Modalités d’évaluation : Quiz de fin de module et étude de cas',
      '• Lire un bilan associatif en cours d’acquisition',
      '• Construire un budget prévisionnel en cours d’acquisition',
      'aucune évaluation individuelle n’ayant été enregistrée',
      'Fait à Marseille, le 17 novembre 2026',
      'Claire Fontaine, Directrice',
    ]) {
      expect(printed).toContain(expected);
    }
  });

  it('the certificat de réalisation follows the Ministry’s model with the hours attended', async () => {
    const pdf = await renderCertificate(completion(630));
    if (process.env.TRAINING_PDF_OUT)
      writeFileSync(`${process.env.TRAINING_PDF_OUT}/certificate.pdf`, pdf);
    const printed = text(pdfLines(pdf));
    for (const expected of [
      'Certificat de réalisation',
      'Je soussigné(e) Claire Fontaine, Directrice du dispensateur de l’action concourant au développement des compétences CRESS Provence-Alpes-Côte d’Azur, déclaré sous le numéro d’activité 93131234513, atteste que :',
      'Léa Martin',
      'Les Lucioles',
      'a suivi l’action Gestion financière d’une association',
      'Nature de l’action concourant au développement des compétences',
      '☒ action de formation',
      '☐ bilan de compétences',
      '☐ action de VAE',
      '☐ action de formation par apprentissage',
      'qui s’est déroulée du 16 novembre 2026 au 17 novembre 2026',
      'pour une durée de 14 h',
      'réalisée à hauteur de 10,5 h sur 14 h.',
      'pendant une durée de 3 ans',
      'Fait à Marseille, le 17 novembre 2026',
      'Pour CRESS Provence-Alpes-Côte d’Azur',
      'Cachet et signature',
    ]) {
      expect(printed).toContain(expected);
    }
  });

  it('the attendance sheet prints trainees × half-days, signatures, absences, countersignatures and hours', async () => {
    const sheet: AttendanceSheet = {
      body,
      training: {
        title: 'Gestion financière d’une association',
        consultantName: 'Paul Conseil',
        place: 'Cité des associations, Marseille',
        startsAt: at(halfDays[0][0]),
        endsAt: at(halfDays[3][1]),
      },
      halfDays: halfDays.map(([startsAt, endsAt, period], index) => ({
        startsAt: at(startsAt),
        endsAt: at(endsAt),
        period,
        countersignedAt: index < 3 ? at(endsAt) : null,
        countersignerName: index < 3 ? 'Paul Conseil' : null,
        countersignaturePng: index === 0 ? signature : null,
      })),
      trainees: [
        {
          name: 'Léa Martin',
          organisationName: 'Les Lucioles',
          marks: halfDays.map(([startsAt], index) =>
            index === 2
              ? {
                  status: 'absent' as const,
                  signedAt: null,
                  signaturePng: null,
                  typedName: null,
                  remote: false,
                  minutesMissed: 0,
                  absenceReason: 'Rendez-vous médical',
                }
              : {
                  status: 'present' as const,
                  signedAt: new Date(at(startsAt).getTime() + 7 * 60_000),
                  signaturePng: signature,
                  typedName: null,
                  remote: false,
                  minutesMissed: 0,
                  absenceReason: null,
                },
          ),
          attendedMinutes: 630,
        },
        {
          name: 'Karim Benali',
          organisationName: 'Les Lucioles',
          marks: halfDays.map(([startsAt], index) =>
            index === 3
              ? null
              : {
                  status: 'present' as const,
                  signedAt: new Date(at(startsAt).getTime() + 2 * 60_000),
                  signaturePng: null,
                  typedName: 'Karim Benali',
                  remote: index === 1,
                  minutesMissed: index === 0 ? 15 : 0,
                  absenceReason: null,
                },
          ),
          attendedMinutes: 615,
        },
      ],
      scheduledMinutes: 840,
      madeAt: at('2026-11-17T16:30:00Z'),
    };
    const pdf = await renderAttendanceSheet(sheet);
    if (process.env.TRAINING_PDF_OUT)
      writeFileSync(`${process.env.TRAINING_PDF_OUT}/attendance-sheet.pdf`, pdf);
    const printed = text(pdfLines(pdf));
    for (const expected of [
      'Feuille d’émargement',
      'Déclaration d’activité n° 93131234513 (préfet de région)',
      'Action de formation : Gestion financière d’une association',
      'Du 16 novembre 2026 au 17 novembre 2026',
      'Formateur : Paul Conseil',
      'Durée : 14 h',
      'lun. 16/11 matin',
      'mar. 17/11 après-midi',
      '09:00–12:30',
      '13:30–17:00',
      'Léa Martin',
      'Karim Benali',
      'Signé à 09:07',
      'Absent(e)',
      'Motif : Rendez-vous médical',
      '15 min manquées',
      'à distance',
      'Non signé',
      '10,5 h',
      '10,25 h',
      'sur 14 h',
      'Contreseing du formateur',
      'Non contresignée',
      'Paul Conseil, lun. 16/11 12:30',
      'Heures réalisées : demi-journées signées présentes',
    ]) {
      expect(printed).toContain(expected);
    }
  });

  it('runs a long session with many trainees over several pages, every trainee and half-day on one', async () => {
    const days = 5;
    const long = Array.from({ length: days * 2 }, (_unused, index) => {
      const day = new Date(Date.UTC(2026, 10, 16 + Math.floor(index / 2)));
      const morning = index % 2 === 0;
      const start = new Date(day.getTime() + (morning ? 8 : 12.5) * 3_600_000);
      return {
        startsAt: start,
        endsAt: new Date(start.getTime() + 3.5 * 3_600_000),
        period: morning ? ('morning' as const) : ('afternoon' as const),
        countersignedAt: null,
        countersignerName: null,
        countersignaturePng: null,
      };
    });
    const trainees = Array.from({ length: 14 }, (_unused, index) => ({
      name: `Stagiaire numéro ${index + 1}`,
      organisationName: 'Les Lucioles',
      marks: long.map(() => null),
      attendedMinutes: 0,
    }));
    const pdf = await renderAttendanceSheet({
      body,
      training: {
        title: 'Parcours long',
        consultantName: 'Paul Conseil',
        place: 'À distance (classe virtuelle)',
        startsAt: long[0].startsAt,
        endsAt: long[long.length - 1].endsAt,
      },
      halfDays: long,
      trainees,
      scheduledMinutes: days * 420,
      madeAt: at('2026-11-20T17:00:00Z'),
    });
    if (process.env.TRAINING_PDF_OUT)
      writeFileSync(`${process.env.TRAINING_PDF_OUT}/attendance-sheet-long.pdf`, pdf);
    const lines = pdfLines(pdf);
    const printed = text(lines);
    for (const trainee of trainees) expect(printed).toContain(trainee.name);
    for (const label of ['lun. 16/11 matin', 'ven. 20/11 après-midi']) {
      expect(printed).toContain(label);
    }
    expect(printed).toContain('Durée : 35 h');
    // Three groups of columns (4 + 4 + 2 half-days), each over pages of rows, all numbered.
    const footers = lines.filter((line) => line.startsWith('Feuille d’émargement — Parcours long'));
    expect(footers.length).toBeGreaterThanOrEqual(6);
    expect(footers[0]).toBe(
      'Feuille d’émargement — Parcours long — du 16 novembre 2026 au 20 novembre 2026 — ' +
        `page 1 / ${footers.length}`,
    );
  });
});
