import type { BookedVatTreatment } from '@mutualis/catalogue';
import { computeInvoiceTotals, InvoiceLineInput, vatTermsFor } from '../domain/invoice-totals';
import { createRfReference } from '../domain/rf-reference';
import type {
  InvoiceDocument,
  InvoiceDocumentBuyer,
  InvoiceDocumentParty,
  InvoiceDocumentSeller,
} from '../pdf/invoice-pdf.renderer';

/**
 * The documents the e-invoice specs build and validate: one per case the issue lists (and a few
 * more the mapping has branches for), shaped as `toDocument()` shapes an issued invoice. The
 * seller is the test Chambre of the factories (`configureChambre`).
 */
export const CHAMBRE: InvoiceDocumentSeller = {
  name: 'CRESS de test',
  addressLines: ['2 place Sadi-Carnot', '13002 Marseille'],
  address: {
    line1: '2 place Sadi-Carnot',
    line2: null,
    postalCode: '13002',
    city: 'Marseille',
    countryCode: 'FR',
  },
  siret: '78111222200018',
  vatNumber: 'FR08781112222',
  trainingDeclarationNumber: null,
  vatOnDebits: false,
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'agrifrpp',
  email: 'factures@test.mutualis.fr',
  phone: '04 91 00 00 00',
};

const NDA = '93131234513';

const SCOP: InvoiceDocumentParty = {
  name: 'Les Ateliers Réunis SCOP',
  addressLines: ['4 place du Marché', 'Bâtiment B & C', '34000 Montpellier'],
  address: {
    line1: '4 place du Marché',
    line2: 'Bâtiment B & C',
    postalCode: '34000',
    city: 'Montpellier',
    countryCode: 'FR',
  },
  siret: '90876543100014',
  vatNumber: 'FR46908765431',
  vatRegistered: true,
};

const COMMUNE: InvoiceDocumentParty = {
  name: 'Commune de Saint-Exemple-sur-Huveaune',
  addressLines: ["Hôtel de ville, place de l'Église", '13400 Saint-Exemple-sur-Huveaune'],
  address: {
    line1: "Hôtel de ville, place de l'Église",
    line2: null,
    postalCode: '13400',
    city: 'Saint-Exemple-sur-Huveaune',
    countryCode: 'FR',
  },
  siret: '21130055300016',
  vatNumber: null,
  vatRegistered: false,
};

/** A name outside Latin-1 (Polish, Cyrillic, Greek): the XML carries it as written. */
const ASSOCIATION: InvoiceDocumentParty = {
  name: 'Stowarzyszenie «Łączy nas» — Калина / Ελπίδα',
  addressLines: ['17 rue Łukasiewicza', '13001 Marseille'],
  address: {
    line1: '17 rue Łukasiewicza',
    line2: null,
    postalCode: '13001',
    city: 'Marseille',
    countryCode: 'FR',
  },
  siret: '50123456100030',
  vatNumber: null,
  vatRegistered: false,
};

/** An association issued before structured addresses were kept: only the printed lines. */
const LEGACY_BUYER: InvoiceDocumentParty = {
  name: 'Association Jardins <Partagés> & Cie',
  addressLines: ['8 chemin des Oliviers', 'Lieu-dit « La Treille »', '13011 Marseille'],
  siret: '44306184100013',
  vatNumber: 'FR64443061841',
};

/**
 * A small association without a SIRET, known by its RNA number: no BT-46/BT-47, its billing
 * e-mail as electronic address (BT-49, scheme EM), not liable to VAT.
 */
const RNA_ONLY_ASSOCIATION: InvoiceDocumentBuyer = {
  name: 'Les Amis du Lavoir de Barjols',
  addressLines: ['Place du Lavoir', '83670 Barjols'],
  siret: null,
  rna: 'W833001234',
  email: 'tresorerie@amis-du-lavoir.fr',
  vatNumber: null,
  address: {
    line1: 'Place du Lavoir',
    line2: null,
    postalCode: '83670',
    city: 'Barjols',
    countryCode: 'FR',
  },
  vatRegistered: false,
};

const PENALTY_RATE = "trois fois le taux d'intérêt légal";

function line(
  description: string,
  quantity: number,
  unitPriceExclVatCents: number,
  treatment: BookedVatTreatment,
): InvoiceLineInput {
  const { exemptionReason, ...terms } = vatTermsFor(treatment, false);
  return { description, quantity, unitPriceExclVatCents, ...terms, exemptionReason };
}

/** An issued invoice asking for its total by transfer in 30 days, unless `changes` say otherwise. */
function invoice(
  number: string,
  lines: InvoiceLineInput[],
  changes: Partial<InvoiceDocument> = {},
): InvoiceDocument {
  const totals = computeInvoiceTotals(lines);
  return {
    kind: 'invoice',
    typeCode: 380,
    number,
    issueDate: '2027-01-15',
    serviceDate: '2027-01-12',
    serviceEndDate: null,
    dueDate: '2027-02-14',
    seller: CHAMBRE,
    buyer: SCOP,
    publicBuyer: false,
    buyerReference: null,
    purchaseOrderReference: null,
    chorusStructureSiret: null,
    ...totals,
    prepaidAmountCents: 0,
    amountDueCents: totals.totalInclVatCents,
    paymentMeans: 'bank_transfer',
    paidOn: null,
    paymentReference: createRfReference(`M${number.replace(/-/g, '')}`),
    latePenaltyRate: PENALTY_RATE,
    ...changes,
  };
}

const consultation = invoice('F-2027-000101', [
  line(
    'Accompagnement stratégique : diagnostic coopératif\nLe 12/01/2027 à 09:30 — Marseille',
    1,
    120_000,
    'standard',
  ),
]);

const exemptTraining = invoice(
  'F-2027-000102',
  [
    line(
      'Formation « Gouvernance coopérative » (tarif adhérent)\n' +
        'Du 12/01/2027 à 09:30 au 13/01/2027 à 17:00 — Marseille, salle Joliette\n' +
        'Participants : Anaïs Lefèvre, François Garçon, Zoé Œuvray',
      3,
      45_000,
      'exempt_training',
    ),
  ],
  {
    seller: { ...CHAMBRE, trainingDeclarationNumber: NDA },
    serviceEndDate: '2027-01-13',
  },
);

/** S and E on one document: the totals allow it (only O stands alone, BR-O-11). */
const mixed = invoice(
  'F-2027-000103',
  [
    line(
      'Formation « Comptabilité des SCOP »\nLe 12/01/2027 à 09:30',
      2,
      39_000,
      'exempt_training',
    ),
    line('Accompagnement individuel post-formation', 3, 8_333, 'standard'),
  ],
  { seller: { ...CHAMBRE, trainingDeclarationNumber: NDA, vatOnDebits: true } },
);

/** Paid by card when the booking was confirmed: « acquittée », nothing due. Legacy addresses. */
const paidByCard = (() => {
  const document = invoice('F-2027-000104', [
    line('Atelier « Statuts coopératifs »\nLe 12/01/2027 à 14:00', 1, 25_000, 'standard'),
  ]);
  const total = document.totalInclVatCents;
  return {
    ...document,
    seller: { ...document.seller, address: undefined },
    buyer: LEGACY_BUYER,
    prepaidAmountCents: total,
    amountDueCents: 0,
    paymentMeans: 'card' as const,
    paidOn: '2027-01-10',
    dueDate: '2027-01-10',
  };
})();

/** The credit note of a cancelled consultation, refunded by transfer. */
const creditNote: InvoiceDocument = {
  ...consultation,
  kind: 'credit_note',
  typeCode: 381,
  number: 'AV-2027-000007',
  issueDate: '2027-01-20',
  serviceCancelled: true,
  dueDate: '2027-02-19',
  precedingInvoice: { number: consultation.number, issueDate: consultation.issueDate },
  paymentReference: null,
  lines: consultation.lines.map((entry) => ({
    ...entry,
    description: 'Accompagnement stratégique : diagnostic coopératif',
  })),
};

/** A credit note refunded to the card that paid the invoice. */
const creditNoteToCard: InvoiceDocument = {
  ...paidByCard,
  kind: 'credit_note',
  typeCode: 381,
  number: 'AV-2027-000008',
  issueDate: '2027-01-11',
  serviceCancelled: true,
  dueDate: null,
  paidOn: '2027-01-11',
  prepaidAmountCents: 0,
  amountDueCents: paidByCard.totalInclVatCents,
  paymentMeans: 'card',
  precedingInvoice: { number: paidByCard.number, issueDate: paidByCard.issueDate },
  paymentReference: null,
};

/** A public buyer: Chorus Pro structure, code service (BT-10), engagement number (BT-13). */
const publicBuyer = invoice(
  'F-2027-000105',
  [
    line(
      'Formation « Marchés publics responsables »\nLe 12/01/2027 à 09:00\nParticipants : Jeanne Martin',
      1,
      60_000,
      'standard',
    ),
  ],
  {
    buyer: COMMUNE,
    publicBuyer: true,
    buyerReference: 'SERV-FORMATION',
    purchaseOrderReference: 'EJ2027000123',
    chorusStructureSiret: '21130055300255',
    paymentMeans: 'administrative_mandate',
    seller: { ...CHAMBRE, trainingDeclarationNumber: NDA },
  },
);

/** A buyer whose name is outside Latin-1, paying by cheque. */
const nonLatinBuyer = invoice(
  'F-2027-000106',
  [line('Conseil « Économie circulaire » — Łódź ↔ Marseille', 1, 15_050, 'standard')],
  { buyer: ASSOCIATION, paymentMeans: 'cheque' },
);

/** Disbursements out of scope of VAT (category O): no VAT identifier on either side (BR-O-02). */
const outOfScope = invoice(
  'F-2027-000107',
  [line('Frais de salle refacturés à l’identique', 1, 18_000, 'out_of_scope_disbursement')],
  {
    seller: { ...CHAMBRE, vatNumber: null },
    buyer: { ...SCOP, vatNumber: null },
  },
);

/** An association with an RNA number and no SIRET, paying a consultation by transfer. */
const rnaOnlyBuyer = invoice(
  'F-2027-000108',
  [line('Accompagnement « Vie associative »', 1, 12_000, 'standard')],
  { buyer: RNA_ONLY_ASSOCIATION },
);

export const SCENARIOS: readonly { name: string; document: InvoiceDocument }[] = [
  { name: 'a taxable consultation (S 20 %)', document: consultation },
  { name: 'an exempt training over two days (E, VATEX, NDA)', document: exemptTraining },
  { name: 'a mixed invoice (S and E lines, VAT on debits)', document: mixed },
  { name: 'an invoice paid by card when issued (legacy addresses)', document: paidByCard },
  { name: 'a credit note of a cancelled service (381, BT-25)', document: creditNote },
  { name: 'a credit note refunded to the card', document: creditNoteToCard },
  { name: 'a public buyer (BT-10, BT-13, administrative mandate)', document: publicBuyer },
  { name: 'a buyer named outside Latin-1, paying by cheque', document: nonLatinBuyer },
  { name: 'disbursements out of scope of VAT (O)', document: outOfScope },
  { name: 'an association with an RNA number and no SIRET', document: rnaOnlyBuyer },
];
