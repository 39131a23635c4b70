import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChambreSettingsQuery } from '@mutualis/invoicing';
import { FEC_COLUMNS, FecColumn, fecFileName } from '../../export/fec';
import { encodeFec, fecContentType, FecEncoding } from '../../export/fec-encoding';
import { JOURNAL_LABELS, JournalCode } from '../../journal/entry-draft';
import { BooksRepository } from '../../repositories/books.repository';
import { JournalEntryRepository } from '../../repositories/journal-entry.repository';
import { ExportedFile } from '../../views/exported-file';

/** What each of the 18 zones holds in this file. */
const ZONES: Record<FecColumn, string> = {
  JournalCode: 'Code du journal (VT, BQ, ST, OD ; voir « Journaux »)',
  JournalLib: 'Libellé du journal',
  EcritureNum: 'Numéro de l’écriture, continu par journal et par exercice (voir « Numérotation »)',
  EcritureDate: 'Date de comptabilisation de l’écriture (AAAAMMJJ)',
  CompteNum: 'Numéro de compte du plan de comptes de la Chambre (voir « Comptes »)',
  CompteLib: 'Libellé du compte, tel qu’il était à la passation de l’écriture',
  CompAuxNum:
    'Compte auxiliaire client : C suivi des 12 premiers chiffres hexadécimaux de l’identifiant de l’organisation (vide hors comptes clients)',
  CompAuxLib:
    'Raison sociale de l’organisation à la date de l’écriture (vide hors comptes clients)',
  PieceRef:
    'Référence de la pièce : numéro de facture ou d’avoir, référence de la ligne de relevé bancaire ou de l’objet Stripe',
  PieceDate: 'Date de la pièce (AAAAMMJJ)',
  EcritureLib: 'Libellé de l’écriture',
  Debit: 'Montant au débit (virgule décimale, deux décimales, sans séparateur de milliers)',
  Credit: 'Montant au crédit (même format)',
  EcritureLet:
    'Code de lettrage des comptes clients (AA, AB…, unique par compte auxiliaire), tel que connu à la fin de la période exportée',
  DateLet: 'Date du lettrage (AAAAMMJJ) : date de la dernière écriture du groupe lettré',
  ValidDate: 'Date de validation de l’écriture (AAAAMMJJ)',
  Montantdevise: 'Vide : toutes les écritures sont en euros',
  Idevise: 'Vide : toutes les écritures sont en euros',
};

const JOURNALS: Record<JournalCode, string> = {
  VT: 'factures et avoirs émis, à leur date d’émission (clients, produits par régime de TVA, TVA par taux)',
  BQ: 'mouvements du compte bancaire à la date de comptabilisation de la banque (virements, chèques, remboursements, virements de Stripe)',
  ST: 'encaissements par carte et prélèvement SEPA détenus par Stripe (467) jusqu’à leur virement, et frais Stripe (627)',
  OD: 'opérations diverses (TVA devenue exigible à l’encaissement, produits constatés d’avance, corrections)',
};

/**
 * The description A47 A-1 asks to go with a file it does not fully define: encoding, layout,
 * the meaning of each zone, the journals and the numbering, and what the file is: the import
 * file of the Chambre's accounting software, not the entity's whole FEC.
 */
@Injectable()
export class DescribeFecUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly books: BooksRepository,
    private readonly entries: JournalEntryRepository,
    private readonly chambre: ChambreSettingsQuery,
  ) {}

  async execute(query: { year: number; encoding: FecEncoding }): Promise<ExportedFile> {
    const chambreId = await this.books.chambreId(this.dataSource.manager);
    const [chambre, accounts] = await Promise.all([
      this.chambre.get(),
      this.entries.accountsUsed(chambreId, query.year),
    ]);
    const siren = chambre.siret.slice(0, 9);
    const dataFile = fecFileName(siren, `${query.year}-12-31`);
    const encodingName = query.encoding === 'utf-8' ? 'UTF-8' : 'ISO 8859-15 (Latin-9)';
    const lines = [
      `Descriptif du fichier des écritures comptables ${dataFile}`,
      `${chambre.legalName}, SIREN ${siren}`,
      `Exercice du 01/01/${query.year} au 31/12/${query.year} (exercice civil, clôture au 31 décembre)`,
      '',
      'NATURE DU FICHIER',
      'Ce fichier est le fichier d’import du logiciel comptable de la Chambre. Il contient les',
      'écritures que Mutualis passe lorsque ses opérations ont lieu : factures et avoirs,',
      'encaissements, remboursements, frais et virements Stripe. Ce n’est pas le fichier des',
      'écritures comptables (FEC) complet de l’entité au sens de l’article L47 A du livre des',
      'procédures fiscales : Mutualis ne tient ni la paie ni les achats. Le FEC de l’entité est',
      'produit par son logiciel comptable, qui reprend ces écritures.',
      'Il suit la présentation de l’article A47 A-1 du livre des procédures fiscales.',
      '',
      'FORMAT',
      `- Encodage : ${encodingName}${query.encoding === 'utf-8' ? '' : ' (UTF-8 sur demande)'}.`,
      '- Fichier à plat, un enregistrement par ligne d’écriture ; le premier enregistrement porte',
      '  les noms des 18 zones.',
      '- Séparateur de zones : tabulation (code 09). Fin d’enregistrement : CR LF (codes 0D 0A).',
      '- Dates au format AAAAMMJJ. Montants en euros, virgule décimale, deux décimales, sans',
      '  séparateur de milliers ; débit et crédit dans deux zones distinctes.',
      '- Les tabulations et retours à la ligne d’un texte sont remplacés par des espaces ; un',
      '  texte qui commence par =, +, - ou @ est précédé d’une apostrophe, pour qu’un tableur ne',
      '  l’exécute pas comme une formule.',
      '- Ordre : date de validation, puis code journal, puis numéro d’écriture.',
      '- Une facture d’un montant nul figure au journal des ventes, ses lignes à 0,00.',
      '',
      'ZONES',
      ...FEC_COLUMNS.map(
        (column, index) => `${String(index + 1).padStart(2, ' ')}. ${column} : ${ZONES[column]}`,
      ),
      '',
      'JOURNAUX',
      ...(Object.keys(JOURNAL_LABELS) as JournalCode[]).map(
        (code) => `${code} ${JOURNAL_LABELS[code]} : ${JOURNALS[code]}`,
      ),
      '',
      'NUMÉROTATION ET VALIDATION',
      `- EcritureNum : code journal, exercice, tiret et numéro sur six chiffres (VT${query.year}-000001).`,
      '  La numérotation est continue par journal et par exercice, sans trou ; le numéro est',
      '  attribué à la validation, dans l’ordre des dates d’écriture puis de saisie.',
      '- ValidDate : date de la validation. Les écritures ne sont ni modifiées ni supprimées :',
      '  une correction est une contre-passation.',
      '- Une période (mois) clôturée n’accepte plus d’écriture : une opération datée d’une',
      '  période close est comptabilisée le premier jour de la période ouverte suivante',
      '  (EcritureDate), PieceDate gardant la date de la pièce.',
      '- Seules les écritures validées figurent dans ce fichier.',
      '',
      'LETTRAGE',
      '- Les lignes d’un compte client qui se rapportent à une même facture (la facture, ses',
      '  avoirs, ses règlements) sont lettrées ensemble lorsque leur solde est nul. Un lettrage',
      '  qui cesse de tenir (règlement annulé) prend fin ; le nouveau lettrage reçoit un nouveau',
      '  code.',
      '- Le lettrage indiqué est celui connu à la fin de la période exportée : l’export d’une',
      '  période close est identique quelle que soit la date à laquelle il est produit.',
      '',
      'COMPTES UTILISÉS DANS L’EXERCICE',
      ...(accounts.length > 0
        ? accounts.map((account) => `${account.number} ${account.label}`)
        : ['(aucune écriture validée)']),
      '',
    ];
    return {
      fileName: dataFile.replace(/\.txt$/, '_descriptif.txt'),
      contentType: fecContentType(query.encoding),
      content: encodeFec(lines.join('\r\n'), query.encoding),
    };
  }
}
