import { DateTime } from 'luxon';
import PDFDocument from 'pdfkit';
import { invoiceFonts } from '@mutualis/invoicing';
import { ConventionSignatureStamp, ConventionTerms, longDay } from '../domain/convention-terms';
import { formatEuros, formatHours } from '../domain/french-format';

const REGULAR = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';
const MARGIN = 56;
const INK = '#1f2933';
const MUTED = '#52606d';
const RULE = '#9aa5b1';
const PARIS = 'Europe/Paris';

export function conventionTitle(kind: ConventionTerms['kind']): string {
  return kind === 'contrat'
    ? 'Contrat de formation professionnelle'
    : 'Convention de formation professionnelle';
}

/**
 * A booking's convention de formation (L6353-1, L6353-2) or contrat de formation (L6353-3 to
 * L6353-7) as an A4 PDF/A-3b in French, set in the invoices' DejaVu Sans. Rendered from the terms
 * frozen at issue, with a block per signature already given: the version signed by the
 * organisation is the same text plus its block (name, capacity, time, the SHA-256 of the version
 * it signed). The same terms and signatures render the same bytes.
 */
export async function renderConvention(
  terms: ConventionTerms,
  signatures: ConventionSignatureStamp[] = [],
): Promise<Buffer> {
  const lastSigned = signatures.reduce<Date | null>(
    (latest, signature) => (!latest || signature.signedAt > latest ? signature.signedAt : latest),
    null,
  );
  const title = conventionTitle(terms.kind);
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'fr-FR',
    displayTitle: true,
    subset: 'PDF/A-3b',
    pdfVersion: '1.7',
    font: '',
    bufferPages: true,
    info: {
      Title: `${title} ${terms.reference}`,
      Author: terms.chambre.legalName,
      Subject: `${title} : ${terms.training.title}, ${terms.organisation.legalName}`,
      Creator: 'Mutualis',
      CreationDate: lastSigned ?? new Date(`${terms.issuedOn}T00:00:00Z`),
    },
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const fonts = invoiceFonts();
  pdf.registerFont(REGULAR, fonts.regular).registerFont(BOLD, fonts.bold);
  new ConventionWriter(pdf, terms).write(signatures);
  pdf.end();
  return done;
}

class ConventionWriter {
  private readonly width: number;
  private article = 0;

  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly terms: ConventionTerms,
  ) {
    this.width = pdf.page.width - 2 * MARGIN;
  }

  write(signatures: ConventionSignatureStamp[]): void {
    const { terms, pdf } = this;
    const contrat = terms.kind === 'contrat';
    pdf
      .fillColor(INK)
      .font(BOLD)
      .fontSize(17)
      .text(conventionTitle(terms.kind), MARGIN, MARGIN, { width: this.width, align: 'center' });
    pdf
      .font(REGULAR)
      .fontSize(9)
      .fillColor(MUTED)
      .text(
        contrat
          ? 'Articles L6353-3 à L6353-7 du Code du travail'
          : 'Articles L6353-1 et L6353-2 du Code du travail',
        { width: this.width, align: 'center' },
      )
      .text(`Référence ${terms.reference}, établie le ${longDay(terms.issuedOn)}`, {
        width: this.width,
        align: 'center',
      });

    this.heading('Entre les soussignés');
    this.party(
      terms.chambre.legalName,
      [
        ...terms.chambre.addressLines,
        `SIRET ${formatSiret(terms.chambre.siret)}`,
        terms.chambre.declarationNumber
          ? `Déclaration d’activité enregistrée sous le numéro ${terms.chambre.declarationNumber} ` +
            'auprès du préfet de région. Cet enregistrement ne vaut pas agrément de l’État.'
          : 'Numéro de déclaration d’activité : en cours d’enregistrement.',
      ],
      'ci-après « l’organisme de formation »',
    );
    this.paragraph('et');
    this.party(
      terms.organisation.legalName,
      [
        ...(terms.organisation.siret ? [`SIRET ${formatSiret(terms.organisation.siret)}`] : []),
        ...(terms.organisation.rna ? [`RNA ${terms.organisation.rna}`] : []),
        ...terms.organisation.addressLines,
      ],
      contrat ? 'ci-après « le stagiaire »' : 'ci-après « le bénéficiaire »',
    );
    this.paragraph(
      contrat
        ? 'est conclu le présent contrat, en application des articles L6353-3 et suivants du Code du travail.'
        : 'est conclue la présente convention, en application des articles L6353-1 et L6353-2 du Code du travail.',
    );

    const { training, price } = terms;
    this.articleHeading('Objet et nature de l’action');
    this.paragraph(
      `L’organisme de formation réalise l’action « ${training.title} ». Il s’agit d’une action de ` +
        'formation au sens de l’article L6313-1 du Code du travail (action concourant au ' +
        'développement des compétences), réalisée conformément à un programme préétabli.',
    );
    if (training.summary) this.paragraph(training.summary);

    this.articleHeading('Objectifs et programme');
    this.label('Objectifs');
    this.bullets(
      training.objectives.length > 0
        ? training.objectives
        : ['Tels que définis au programme de la formation remis au bénéficiaire.'],
    );
    this.label('Programme (résumé)');
    this.bullets(training.programme.length > 0 ? training.programme : [training.title]);
    if (training.prerequisites) this.labelled('Prérequis', training.prerequisites);
    if (training.public) this.labelled('Public', training.public);
    if (training.teachingMethods) this.labelled('Méthodes pédagogiques', training.teachingMethods);
    this.labelled(
      'Suivi et évaluation',
      `${training.evaluationMethods ? `${training.evaluationMethods} ` : ''}L’exécution est suivie par ` +
        'des feuilles d’émargement signées par demi-journée par chaque stagiaire et contresignées ' +
        'par le formateur ; les acquis sont évalués au regard des objectifs.',
    );
    if (training.accessibility) this.labelled('Accessibilité', training.accessibility);

    this.articleHeading('Dates, durée, horaires et lieu');
    this.paragraph(
      training.startsOn === training.endsOn
        ? `Le ${longDay(training.startsOn)}, pour une durée de ${formatHours(training.durationMinutes)}.`
        : `Du ${longDay(training.startsOn)} au ${longDay(training.endsOn)}, pour une durée totale de ` +
            `${formatHours(training.durationMinutes)}.`,
    );
    this.bullets(training.schedule);
    this.paragraph(
      training.remote
        ? 'Lieu : à distance (le lien de connexion figure sur la convocation).'
        : `Lieu : ${training.location ?? 'précisé sur la convocation'}.`,
    );
    this.paragraph('Heures indiquées à l’heure de Paris.', MUTED);

    this.articleHeading(contrat ? 'Stagiaire' : 'Stagiaires');
    this.paragraph(
      `${price.seats} place${price.seats > 1 ? 's' : ''} : ${
        terms.trainees.length > 0 ? terms.trainees.join(', ') : 'stagiaires à désigner'
      }.`,
    );

    this.articleHeading('Prix');
    this.bullets([
      `Prix unitaire hors taxes : ${formatEuros(price.unitPriceCents)} × ${price.seats}`,
      `Total hors taxes : ${formatEuros(price.totalExclVatCents)}`,
      price.vatMention
        ? `TVA : ${formatEuros(price.totalVatCents)} (${price.vatMention})`
        : `TVA (${price.vatRateBasisPoints / 100} %) : ${formatEuros(price.totalVatCents)}`,
      `Total toutes taxes comprises : ${formatEuros(price.totalInclVatCents)}`,
    ]);

    this.articleHeading('Modalités de paiement');
    if (contrat) {
      this.paragraph(
        'Conformément à l’article L6353-6 du Code du travail, aucune somme ne peut être exigée du ' +
          'stagiaire avant l’expiration du délai de rétractation. À son expiration, il ne peut être ' +
          'payé une somme supérieure à 30 % du prix convenu ; le solde est payé au fur et à mesure ' +
          'du déroulement de l’action, sur facture.',
      );
    } else {
      this.paragraph(
        terms.paidAtConfirmation
          ? 'Le prix a été réglé à la réservation ; la facture correspondante est émise par ' +
              'l’organisme de formation et disponible dans l’espace du bénéficiaire.'
          : 'Le prix est payable à réception de la facture émise par l’organisme de formation, au ' +
              `plus tard ${terms.paymentTermsDays} jours après sa date d’émission. Tout retard entraîne les pénalités ` +
              'prévues à l’article L441-10 du Code de commerce et l’indemnité forfaitaire de 40 € ' +
              'pour frais de recouvrement.',
      );
      this.paragraph(
        'Lorsque le bénéficiaire fait prendre en charge la formation par son opérateur de ' +
          'compétences (OPCO), il lui appartient d’en faire la demande avant le début de l’action ; ' +
          'il reste redevable de la part non prise en charge.',
      );
    }

    this.articleHeading('Annulation, dédit et inexécution');
    const tiers = [...terms.cancellation].sort((a, b) => b.daysBefore - a.daysBefore);
    this.paragraph(
      'En cas d’annulation par le bénéficiaire, le prix est remboursé selon le barème suivant, en ' +
        'jours calendaires avant le début de l’action :',
    );
    this.bullets(
      tiers.length > 0
        ? [
            ...tiers.map(
              (tier) =>
                `jusqu’à ${tier.daysBefore} jours avant : ${tier.refundPercent} % remboursés`,
            ),
            `moins de ${tiers[tiers.length - 1].daysBefore} jours avant : aucun remboursement`,
          ]
        : ['aucun remboursement après confirmation'],
    );
    this.paragraph(
      'Conformément à l’article L6354-1 du Code du travail, en cas d’inexécution totale ou ' +
        'partielle de l’action du fait de l’organisme de formation, celui-ci rembourse les ' +
        'sommes indûment perçues de ce fait. Une annulation de la session par l’organisme de ' +
        'formation donne lieu au remboursement intégral.',
    );

    if (contrat) {
      this.articleHeading('Délai de rétractation');
      this.paragraph(
        'Conformément à l’article L6353-5 du Code du travail, dans un délai de dix jours à compter ' +
          'de la signature du présent contrat, le stagiaire peut se rétracter par lettre ' +
          'recommandée avec avis de réception.',
      );
      this.paragraph(
        'Conformément à l’article L6353-7, si, par suite de force majeure dûment reconnue, le ' +
          'stagiaire est empêché de suivre la formation, il peut rompre le contrat ; seules les ' +
          'prestations effectivement dispensées sont alors dues, au prorata temporis.',
      );
    }

    this.articleHeading('Informations remises au stagiaire');
    this.paragraph(
      'Conformément à l’article L6353-8 du Code du travail, sont remis au stagiaire avant son ' +
        'inscription définitive : les objectifs et le contenu de la formation, la liste des ' +
        'formateurs, les horaires, les modalités d’évaluation, les coordonnées de la personne ' +
        'chargée des relations avec les stagiaires et le règlement intérieur applicable' +
        (contrat
          ? ', ainsi que les tarifs, les modalités de règlement et les conditions financières de ' +
            'prise en charge.'
          : '.') +
        ' Ces informations figurent au programme et sur la convocation adressée à chaque stagiaire.',
    );
    this.paragraph(
      `Contact : ${[terms.chambre.email, terms.chambre.phone].filter(Boolean).join(', ') || terms.chambre.legalName}.`,
    );

    this.articleHeading('Documents délivrés');
    this.paragraph(
      'À l’issue de l’action, l’organisme de formation délivre à chaque stagiaire une attestation ' +
        'de fin de formation (article L6353-1) et un certificat de réalisation, établis d’après ' +
        'les feuilles d’émargement.',
    );

    this.articleHeading('Litiges');
    this.paragraph(
      'Les parties recherchent d’abord une solution amiable. À défaut, le litige est porté devant ' +
        `le tribunal compétent du ressort de ${terms.chambre.city}.`,
    );

    this.signatures(signatures);
    this.footers();
  }

  private signatures(signatures: ConventionSignatureStamp[]): void {
    const { pdf, terms } = this;
    // The closing paragraph and both blocks stay together.
    if (pdf.y > pdf.page.height - MARGIN - 160) pdf.addPage();
    pdf.moveDown(1);
    this.paragraph(
      `Fait à ${terms.chambre.city}, par signature électronique simple (article 1367 du Code civil, ` +
        'règlement eIDAS, article 25), chaque partie consentant au document identifié par son ' +
        'empreinte SHA-256.',
    );
    const top = pdf.y + 6;
    const columnWidth = (this.width - 16) / 2;
    const blocks: [ConventionSignatureStamp['party'], string][] = [
      ['organisation', `Pour ${terms.organisation.legalName}`],
      ['chambre', `Pour ${terms.chambre.legalName}`],
    ];
    let bottom = top;
    blocks.forEach(([party, heading], index) => {
      const x = MARGIN + index * (columnWidth + 16);
      const signature = signatures.find((candidate) => candidate.party === party);
      pdf
        .fillColor(INK)
        .font(BOLD)
        .fontSize(9.5)
        .text(heading, x + 8, top + 8, {
          width: columnWidth - 16,
        });
      pdf.font(REGULAR).fontSize(8.5);
      if (signature) {
        pdf.text(`Signé par ${signature.signerName}`, { width: columnWidth - 16 });
        if (signature.signerCapacity) {
          pdf.text(`En qualité de ${signature.signerCapacity}`, { width: columnWidth - 16 });
        }
        pdf.text(`Le ${parisStamp(signature.signedAt)} (heure de Paris)`, {
          width: columnWidth - 16,
        });
        pdf
          .fillColor(MUTED)
          .fontSize(7)
          .text(`Version ${signature.version} signée, SHA-256 :`, { width: columnWidth - 16 })
          .text(`${signature.documentSha256.slice(0, 32)}\n${signature.documentSha256.slice(32)}`, {
            width: columnWidth - 16,
          });
      } else {
        pdf.fillColor(MUTED).text('En attente de signature', { width: columnWidth - 16 });
      }
      bottom = Math.max(bottom, pdf.y + 8);
    });
    blocks.forEach((_, index) => {
      pdf
        .lineWidth(0.8)
        .strokeColor(RULE)
        .rect(MARGIN + index * (columnWidth + 16), top, columnWidth, bottom - top)
        .stroke();
    });
    pdf.y = bottom;
    pdf.x = MARGIN;
  }

  private footers(): void {
    const { pdf, terms } = this;
    const range = pdf.bufferedPageRange();
    for (let page = range.start; page < range.start + range.count; page++) {
      pdf.switchToPage(page);
      const bottomMargin = pdf.page.margins.bottom;
      pdf.page.margins.bottom = 0;
      pdf
        .font(REGULAR)
        .fontSize(7.5)
        .fillColor(MUTED)
        .text(
          `${conventionTitle(terms.kind)} ${terms.reference} · page ${page + 1} sur ${range.count}`,
          MARGIN,
          pdf.page.height - MARGIN / 2 - 6,
          { width: this.width, align: 'center', lineBreak: false },
        );
      pdf.page.margins.bottom = bottomMargin;
    }
  }

  private heading(text: string): void {
    // A heading is not left alone at the foot of a page.
    if (this.pdf.y > this.pdf.page.height - MARGIN - 70) this.pdf.addPage();
    this.pdf.moveDown(1.2);
    this.pdf
      .fillColor(INK)
      .font(BOLD)
      .fontSize(11)
      .text(text, MARGIN, this.pdf.y, { width: this.width });
    this.pdf.moveDown(0.3);
  }

  private articleHeading(text: string): void {
    this.article += 1;
    this.heading(`Article ${this.article} – ${text}`);
  }

  private party(name: string, lines: string[], role: string): void {
    const { pdf } = this;
    pdf
      .fillColor(INK)
      .font(BOLD)
      .fontSize(10)
      .text(name, MARGIN + 12, pdf.y, {
        width: this.width - 12,
      });
    pdf.font(REGULAR).fontSize(9).fillColor(MUTED);
    for (const line of lines) pdf.text(line, { width: this.width - 12 });
    pdf.fillColor(INK).text(role, { width: this.width - 12 });
    pdf.moveDown(0.5);
  }

  private paragraph(text: string, color = INK): void {
    this.pdf
      .fillColor(color)
      .font(REGULAR)
      .fontSize(9.5)
      .text(text, MARGIN, this.pdf.y, { width: this.width, align: 'justify' });
    this.pdf.moveDown(0.4);
  }

  private label(text: string): void {
    this.pdf.fillColor(INK).font(BOLD).fontSize(9.5).text(text, MARGIN, this.pdf.y, {
      width: this.width,
    });
  }

  private labelled(label: string, text: string): void {
    this.pdf
      .fillColor(INK)
      .font(BOLD)
      .fontSize(9.5)
      .text(`${label} : `, MARGIN, this.pdf.y, { width: this.width, continued: true })
      .font(REGULAR)
      .text(text, { width: this.width });
    this.pdf.moveDown(0.3);
  }

  private bullets(lines: string[]): void {
    this.pdf.fillColor(INK).font(REGULAR).fontSize(9.5);
    for (const line of lines) {
      this.pdf.text(`•  ${line}`, MARGIN + 10, this.pdf.y, { width: this.width - 10 });
    }
    this.pdf.moveDown(0.4);
  }
}

function parisStamp(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: PARIS })
    .setLocale('fr')
    .toFormat("d LLLL yyyy 'à' HH:mm:ss");
}

function formatSiret(siret: string): string {
  return `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
}
