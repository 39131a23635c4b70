import { writeFileSync } from 'node:fs';
import { pdfLines } from '@mutualis/testing';
import {
  formatLongDate,
  MembershipCertificate,
  renderMembershipCertificate,
} from './membership-certificate.renderer';

const certificate: MembershipCertificate = {
  chambre: {
    legalName: 'CRESS Provence-Alpes-Côte d’Azur',
    addressLines: ['2 place Sadi-Carnot', '13002 Marseille'],
    siret: '78111222200018',
    city: 'Marseille',
  },
  organisation: {
    legalName: 'Les Lucioles — Œuvres d’éducation populaire',
    siret: '44306184100047',
    rna: 'W133012345',
    addressLines: ['12 rue de la République', '13001 Marseille'],
  },
  year: 2027,
  issuedOn: '2027-03-01',
};

describe('the attestation d’adhésion', () => {
  it('says who is a member up to date with its cotisation for the year, where and when', async () => {
    const pdf = await renderMembershipCertificate(certificate);
    if (process.env.MEMBERSHIP_CERTIFICATE_OUT)
      writeFileSync(process.env.MEMBERSHIP_CERTIFICATE_OUT, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfLines(pdf).join('\n');
    expect(text).toContain('Attestation d’adhésion');
    expect(text).toContain('Les Lucioles — Œuvres d’éducation populaire');
    expect(text).toContain('SIRET 443 061 841 00047');
    expect(text).toContain('RNA W133012345');
    expect(text.replace(/\s+/g, ' ')).toContain('à jour de sa cotisation pour l’année 2027');
    expect(text).toContain('Fait à Marseille, le 1er mars 2027');
  });

  it('renders the same bytes for the same certificate', async () => {
    const [first, second] = await Promise.all([
      renderMembershipCertificate(certificate),
      renderMembershipCertificate(certificate),
    ]);
    expect(first.equals(second)).toBe(true);
  });

  it('writes dates the French way', () => {
    expect(formatLongDate('2026-12-07')).toBe('7 décembre 2026');
    expect(formatLongDate('2027-08-01')).toBe('1er août 2027');
  });
});
