import type { VatBreakdownEntry } from '../domain/invoice-totals';
import {
  paymentConditions,
  trainingDeclarationMention,
  VAT_ON_DEBITS_MENTION,
} from '../domain/payment-conditions';
import type { PaymentMeans } from '../domain/settlement';
import type { PostalAddress } from '../invoicing.types';
import type {
  InvoiceDocument,
  InvoiceDocumentBuyer,
  InvoiceDocumentParty,
  InvoiceDocumentSeller,
} from '../pdf/invoice-pdf.renderer';
import { group, root, serializeXml, text, XmlElement } from './xml-writer';

/**
 * The Factur-X 1.0 / EN 16931 profile CII XML (UN/CEFACT Cross Industry Invoice D16B) of an
 * invoice or credit note: what is attached to its PDF as `factur-x.xml`, and what Chorus Pro and
 * the 2027 platforms read. Built from the same render model as the PDF, so both say the same.
 * Same document, same bytes. Business terms are named (BT-x, BG-x) as EN 16931 numbers them;
 * the French rules (BR-FR) are those of the FNFE-MPE CTC schematron, Flux 2.
 */
export function buildCiiInvoice(document: InvoiceDocument): string {
  assertBuildable(document);
  return serializeXml(
    root(
      'rsm:CrossIndustryInvoice',
      NAMESPACES,
      group(
        'rsm:ExchangedDocumentContext',
        group(
          'ram:BusinessProcessSpecifiedDocumentContextParameter',
          text('ram:ID', cadreDeFacturation(document)),
        ),
        group('ram:GuidelineSpecifiedDocumentContextParameter', text('ram:ID', EN16931_GUIDELINE)),
      ),
      group(
        'rsm:ExchangedDocument',
        text('ram:ID', document.number),
        text('ram:TypeCode', String(document.typeCode)),
        group(
          'ram:IssueDateTime',
          text('udt:DateTimeString', ciiDate(document.issueDate), DATE_FORMAT),
        ),
        ...notes(document).map((note) =>
          group(
            'ram:IncludedNote',
            text('ram:Content', note.content),
            text('ram:SubjectCode', note.subjectCode),
          ),
        ),
      ),
      group(
        'rsm:SupplyChainTradeTransaction',
        ...document.lines.map(lineItem),
        agreement(document),
        delivery(document),
        settlement(document),
      ),
    ),
  );
}

/** BT-24: the EN 16931 profile of Factur-X 1.0 (its comfort level) is the norm itself. */
export const EN16931_GUIDELINE = 'urn:cen.eu:en16931:2017';

const NAMESPACES = {
  'xmlns:rsm': 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  'xmlns:qdt': 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  'xmlns:ram': 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  'xmlns:udt': 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
};

/** UNTDID 2379 code 102: CCYYMMDD, the only date format EN 16931 accepts in CII. */
const DATE_FORMAT = { format: '102' };
const CURRENCY = 'EUR';
/** ISO 6523 ICD: 0002 is the SIREN (legal unit), 0009 the SIRET (establishment). */
const SIREN_SCHEME = '0002';
const SIRET_SCHEME = '0009';
/**
 * CEF EAS 0225: the French e-invoicing directory's addressing (« FRCTC »), whose base address of
 * a company is its SIREN. BR-FR-12/13 require both parties' electronic addresses (BT-34, BT-49).
 */
const FRENCH_DIRECTORY_SCHEME = '0225';
/** CEF EAS EM: an e-mail address, the electronic address of a buyer with no SIREN. */
const EMAIL_SCHEME = 'EM';
/** UNECE Rec 20 C62, « one »: a seat at a session, a consultation, is counted in units. */
const UNIT_CODE = 'C62';

/**
 * BT-23, the « cadre de facturation » the French rules require (BR-FR-08). The Chambre sells
 * services only (training, consultation), so its cadre is always an S one: S2, « facture déjà
 * payée », when the invoice was settled in full before it was issued (a card or SEPA payment
 * confirmed the booking) — the rules then check BT-113 = BT-112, BT-115 = 0 and BT-9 the day of
 * payment (BR-FR-CO-09); otherwise S1, « dépôt d'une facture de prestation de services ». A
 * credit note is S1: nothing is « already paid » of a document that credits.
 */
export function cadreDeFacturation(document: InvoiceDocument): 'S1' | 'S2' {
  const prepaid = document.prepaidAmountCents ?? 0;
  return document.kind === 'invoice' &&
    document.totalInclVatCents > 0 &&
    prepaid === document.totalInclVatCents
    ? 'S2'
    : 'S1';
}

// ---------------------------------------------------------------------------------------------
// Notes (BG-1): the mentions French law asks for, with their UNTDID 4451 subject codes.
// ---------------------------------------------------------------------------------------------

interface Note {
  content: string;
  subjectCode: string;
}

/**
 * AAB (early payment), PMD (penalties) and PMT (recovery indemnity) are required on every
 * document by BR-FR-05, credit notes included; the wording is the PDF's (`paymentConditions`).
 * TXD carries the option for VAT on debits where VAT is charged; REG the training provider's
 * declaration (NDA), a regulatory mention of a training's invoice.
 */
function notes(document: InvoiceDocument): Note[] {
  const conditions = paymentConditions({
    publicBuyer: document.publicBuyer === true,
    latePenaltyRate: document.latePenaltyRate,
    earlyPaymentDiscount: document.earlyPaymentDiscount,
  });
  const chargesVat = document.vatBreakdown.some((entry) => entry.vatCategory === 'S');
  return [
    { subjectCode: 'AAB', content: conditions.earlyPaymentDiscount },
    { subjectCode: 'PMD', content: conditions.latePaymentPenalties },
    { subjectCode: 'PMT', content: conditions.recoveryIndemnity },
    ...(document.seller.vatOnDebits && chargesVat
      ? [{ subjectCode: 'TXD', content: VAT_ON_DEBITS_MENTION }]
      : []),
    ...(document.seller.trainingDeclarationNumber
      ? [
          {
            subjectCode: 'REG',
            content: trainingDeclarationMention(document.seller.trainingDeclarationNumber),
          },
        ]
      : []),
  ];
}

// ---------------------------------------------------------------------------------------------
// Lines (BG-25)
// ---------------------------------------------------------------------------------------------

function lineItem(line: InvoiceDocument['lines'][number], index: number): XmlElement | null {
  // BT-153 is the item's name: the description's first line (the offering); the rest (when,
  // where, who attended) is its description, BT-154.
  const [name, ...details] = line.description.split('\n');
  return group(
    'ram:IncludedSupplyChainTradeLineItem',
    group('ram:AssociatedDocumentLineDocument', text('ram:LineID', String(index + 1))),
    group(
      'ram:SpecifiedTradeProduct',
      text('ram:Name', name.trim() === '' ? line.description.trim() : name),
      details.length > 0 && text('ram:Description', details.join('\n')),
    ),
    // BT-146, the net price of one unit: the Chambre gives no discount on a price, so net = gross.
    group(
      'ram:SpecifiedLineTradeAgreement',
      group(
        'ram:NetPriceProductTradePrice',
        text('ram:ChargeAmount', ciiAmount(line.unitPriceExclVatCents)),
      ),
    ),
    group(
      'ram:SpecifiedLineTradeDelivery',
      text('ram:BilledQuantity', String(line.quantity), { unitCode: UNIT_CODE }),
    ),
    group(
      'ram:SpecifiedLineTradeSettlement',
      group(
        'ram:ApplicableTradeTax',
        text('ram:TypeCode', 'VAT'),
        text('ram:CategoryCode', line.vatCategory),
        // BT-152: 0 on an exempt line (BR-E-05), none on a line out of scope (BR-O-05).
        line.vatCategory !== 'O' &&
          text('ram:RateApplicablePercent', ciiRate(line.vatRateBasisPoints)),
      ),
      group(
        'ram:SpecifiedTradeSettlementLineMonetarySummation',
        text('ram:LineTotalAmount', ciiAmount(line.lineTotalExclVatCents)),
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Agreement: the parties (BG-4, BG-7) and the buyer's references (BT-10, BT-13)
// ---------------------------------------------------------------------------------------------

function agreement(document: InvoiceDocument): XmlElement | null {
  // BR-O-02: an invoice out of scope of VAT carries neither party's VAT identifier. The composer
  // already leaves them out of such a document's snapshots; this holds for any document.
  const outOfScope = document.lines.some((line) => line.vatCategory === 'O');
  return group(
    'ram:ApplicableHeaderTradeAgreement',
    document.buyerReference && text('ram:BuyerReference', document.buyerReference),
    sellerParty(document.seller, outOfScope),
    buyerParty(document, outOfScope),
    document.purchaseOrderReference &&
      group(
        'ram:BuyerOrderReferencedDocument',
        text('ram:IssuerAssignedID', document.purchaseOrderReference),
      ),
  );
}

function sellerParty(seller: InvoiceDocumentSeller, outOfScope: boolean): XmlElement | null {
  return group(
    'ram:SellerTradeParty',
    // BT-29: the SIRET of the establishment that invoices; BR-FR-09 checks it starts with BT-30.
    text('ram:GlobalID', seller.siret, { schemeID: SIRET_SCHEME }),
    text('ram:Name', seller.name),
    // BT-30: the SIREN, required by BR-FR-10.
    group(
      'ram:SpecifiedLegalOrganization',
      text('ram:ID', sirenOf(seller.siret), { schemeID: SIREN_SCHEME }),
    ),
    // BG-6: where the buyer reaches the Chambre's invoicing.
    group(
      'ram:DefinedTradeContact',
      seller.phone &&
        group('ram:TelephoneUniversalCommunication', text('ram:CompleteNumber', seller.phone)),
      seller.email && group('ram:EmailURIUniversalCommunication', text('ram:URIID', seller.email)),
    ),
    postalAddress(seller),
    electronicAddress(seller.siret),
    // BT-31, required where VAT is charged or exempt (BR-S-02, BR-E-02).
    vatRegistration(outOfScope ? null : seller.vatNumber),
  );
}

function buyerParty(document: InvoiceDocument, outOfScope: boolean): XmlElement | null {
  const { buyer } = document;
  const siret = buyer.siret;
  return group(
    'ram:BuyerTradeParty',
    // BT-46: the buyer's SIRET — for a public buyer, its Chorus Pro structure's, the
    // establishment the invoice is addressed to, when it belongs to the same legal unit.
    siret && text('ram:GlobalID', buyerSiret(document, siret), { schemeID: SIRET_SCHEME }),
    text('ram:Name', buyer.name),
    // BT-47: the SIREN, which the French rules want for a business buyer (BR-FR-11). A small
    // association without a SIRET has no legal registration identifier in a scheme EN 16931
    // knows (the RNA has no ICD code): it is left out, the RNA number is on the printed PDF.
    siret &&
      group(
        'ram:SpecifiedLegalOrganization',
        text('ram:ID', sirenOf(siret), { schemeID: SIREN_SCHEME }),
      ),
    postalAddress(buyer),
    siret ? electronicAddress(siret) : buyerEmailAddress(buyer),
    // BT-48: absent for a buyer with none (an association not liable to VAT) and out of scope.
    vatRegistration(outOfScope ? null : buyer.vatNumber),
  );
}

function buyerSiret(document: InvoiceDocument, siret: string): string {
  const structure = document.chorusStructureSiret;
  return structure && /^\d{14}$/.test(structure) && sirenOf(structure) === sirenOf(siret)
    ? structure
    : siret;
}

/**
 * BT-49 is required (BR-FR-12) and a buyer without a SIREN is in no e-invoicing directory (an
 * association not liable to VAT, outside the 2027 e-invoicing): its billing e-mail, scheme EM.
 */
function buyerEmailAddress(buyer: InvoiceDocumentBuyer): XmlElement | null {
  if (!buyer.email)
    throw new RangeError('A buyer without a SIRET needs its e-mail address (BT-49)');
  return group(
    'ram:URIUniversalCommunication',
    text('ram:URIID', buyer.email, { schemeID: EMAIL_SCHEME }),
  );
}

function electronicAddress(siret: string): XmlElement | null {
  return group(
    'ram:URIUniversalCommunication',
    text('ram:URIID', sirenOf(siret), { schemeID: FRENCH_DIRECTORY_SCHEME }),
  );
}

function vatRegistration(vatNumber: string | null): XmlElement | null {
  if (!vatNumber) return null;
  return group(
    'ram:SpecifiedTaxRegistration',
    text('ram:ID', vatNumber.replace(/\s/g, '').toUpperCase(), { schemeID: 'VA' }),
  );
}

/** BG-5 / BG-8: the structured address, or one read back from the printed lines of an old one. */
function postalAddress(
  party: Pick<InvoiceDocumentParty, 'address' | 'addressLines'>,
): XmlElement | null {
  const address = party.address ?? addressFromLines(party.addressLines);
  return group(
    'ram:PostalTradeAddress',
    address.postalCode !== '' && text('ram:PostcodeCode', address.postalCode),
    address.line1 !== '' && text('ram:LineOne', address.line1),
    address.line2 && text('ram:LineTwo', address.line2),
    address.city !== '' && text('ram:CityName', address.city),
    text('ram:CountryID', address.countryCode.toUpperCase()),
  );
}

/**
 * A structured address from the lines of a document issued before the address was kept: the
 * first line is the street, the last « 31000 Toulouse » (French postal code and city), what is
 * between is its second line. Those documents are all French (the Chambre and its members).
 */
export function addressFromLines(lines: readonly string[]): PostalAddress {
  const trimmed = lines.map((line) => line.trim()).filter((line) => line !== '');
  const last = trimmed.at(-1) ?? '';
  const cityLine = /^(\d{5})\s+(.+)$/.exec(last);
  // A last line that is no « code city » is still the city when there is a street above it.
  const hasCityLine = cityLine !== null || trimmed.length > 1;
  const street = hasCityLine ? trimmed.slice(0, -1) : trimmed;
  return {
    line1: street[0] ?? '',
    line2: street.length > 1 ? street.slice(1).join(', ') : null,
    postalCode: cityLine ? cityLine[1] : '',
    city: cityLine ? cityLine[2] : hasCityLine ? last : '',
    countryCode: 'FR',
  };
}

// ---------------------------------------------------------------------------------------------
// Delivery: when the service was rendered
// ---------------------------------------------------------------------------------------------

/**
 * BT-72, the day of a one-day service. A service over several days is a period instead (BG-14,
 * in the settlement); a credit note for a cancelled service names no date of a service that never
 * took place. The element itself is required by the XSD, empty or not.
 */
function delivery(document: InvoiceDocument): XmlElement {
  const day =
    !cancelledService(document) && !document.serviceEndDate
      ? group(
          'ram:ActualDeliverySupplyChainEvent',
          group(
            'ram:OccurrenceDateTime',
            text('udt:DateTimeString', ciiDate(document.serviceDate), DATE_FORMAT),
          ),
        )
      : null;
  return { name: 'ram:ApplicableHeaderTradeDelivery', attributes: [], content: day ? [day] : [] };
}

function cancelledService(document: InvoiceDocument): boolean {
  return document.kind === 'credit_note' && document.serviceCancelled === true;
}

// ---------------------------------------------------------------------------------------------
// Settlement: payment means, VAT breakdown, period, terms, totals, the corrected invoice
// ---------------------------------------------------------------------------------------------

function settlement(document: InvoiceDocument): XmlElement | null {
  const period =
    !cancelledService(document) && document.serviceEndDate
      ? group(
          'ram:BillingSpecifiedPeriod',
          group(
            'ram:StartDateTime',
            text('udt:DateTimeString', ciiDate(document.serviceDate), DATE_FORMAT),
          ),
          group(
            'ram:EndDateTime',
            text('udt:DateTimeString', ciiDate(document.serviceEndDate), DATE_FORMAT),
          ),
        )
      : null;
  return group(
    'ram:ApplicableHeaderTradeSettlement',
    // BT-83: the RF creditor reference the buyer quotes with a transfer (none on a credit note).
    document.paymentReference && text('ram:PaymentReference', document.paymentReference),
    text('ram:InvoiceCurrencyCode', CURRENCY),
    paymentMeans(document),
    ...document.vatBreakdown.map((entry) => vatBreakdown(document, entry)),
    period,
    paymentTerms(document),
    totals(document),
    // BT-25/BT-26: the invoice a credit note corrects (BR-FR-CO-05).
    document.precedingInvoice &&
      group(
        'ram:InvoiceReferencedDocument',
        text('ram:IssuerAssignedID', document.precedingInvoice.number),
        group(
          'ram:FormattedIssueDateTime',
          text('qdt:DateTimeString', ciiDate(document.precedingInvoice.issueDate), DATE_FORMAT),
        ),
      ),
  );
}

/**
 * BG-16, UNTDID 4461. A transfer to the Chambre is a SEPA credit transfer (58) to a SEPA account,
 * with its IBAN (BT-84) and BIC (BT-86); a public buyer's administrative mandate is paid by
 * transfer to that account too. A card is 48: its number (BG-18) is Stripe's, never ours, so it
 * is not given. A SEPA direct debit is 59, a cheque 20.
 * On a credit note the means is the refund's: back to the card (48) or the debited account (59)
 * that paid. A refund by transfer goes to the buyer's account, which the Chambre holds elsewhere,
 * and a transfer code requires the payee's account (BR-CO-27, BR-61): none is given, and the
 * payment terms (BT-20, BT-9) say how and by when. No means: nothing was paid nor is asked.
 */
function paymentMeans(document: InvoiceDocument): XmlElement | null {
  const means = document.paymentMeans;
  if (!means) return null;
  if (document.kind === 'credit_note') {
    return means === 'card' || means === 'sepa_debit'
      ? group(
          'ram:SpecifiedTradeSettlementPaymentMeans',
          text('ram:TypeCode', MEANS_CODES[means]),
          text('ram:Information', `Remboursement par ${MEANS_LABELS[means]}`),
        )
      : null;
  }
  const toSellerAccount = means === 'bank_transfer' || means === 'administrative_mandate';
  const iban = normaliseIban(document.seller.iban);
  return group(
    'ram:SpecifiedTradeSettlementPaymentMeans',
    text('ram:TypeCode', toSellerAccount ? transferCode(iban) : MEANS_CODES[means]),
    text('ram:Information', `Paiement par ${MEANS_LABELS[means]}`),
    toSellerAccount && group('ram:PayeePartyCreditorFinancialAccount', text('ram:IBANID', iban)),
    toSellerAccount &&
      document.seller.bic.trim() !== '' &&
      group(
        'ram:PayeeSpecifiedCreditorFinancialInstitution',
        text('ram:BICID', document.seller.bic.replace(/\s/g, '').toUpperCase()),
      ),
  );
}

const MEANS_CODES: Record<PaymentMeans, string> = {
  card: '48',
  sepa_debit: '59',
  bank_transfer: '58',
  cheque: '20',
  administrative_mandate: '58',
};

const MEANS_LABELS: Record<PaymentMeans, string> = {
  card: 'carte bancaire',
  sepa_debit: 'prélèvement SEPA',
  bank_transfer: 'virement',
  cheque: 'chèque',
  administrative_mandate: 'mandat administratif',
};

/** The SEPA scheme's countries (EEA, and the others that joined it): their IBANs take SEPA transfers. */
const SEPA_COUNTRIES = new Set(
  (
    'AD AT BE BG CH CY CZ DE DK EE ES FI FR GB GI GR HR HU IE IS IT LI LT LU LV MC MT NL NO PL PT ' +
    'RO SE SI SK SM VA'
  ).split(' '),
);

function transferCode(iban: string): '58' | '30' {
  return SEPA_COUNTRIES.has(iban.slice(0, 2)) ? '58' : '30';
}

function normaliseIban(iban: string): string {
  return iban.replace(/\s/g, '').toUpperCase();
}

/**
 * BG-23, one per category and rate as the totals computed it: its base (BT-116), its tax
 * (BT-117), its rate (BT-119; none out of scope, BR-O-05) and, for an exemption or a sale out of
 * scope, the legal mention (BT-120) and its VATEX code (BT-121). BT-8 says the tax is due on the
 * invoice (code 5) when the Chambre opted for VAT on debits; otherwise a service's VAT is due
 * when it is paid, the default that needs no code.
 */
function vatBreakdown(document: InvoiceDocument, entry: VatBreakdownEntry): XmlElement | null {
  const exempt = entry.vatCategory !== 'S';
  return group(
    'ram:ApplicableTradeTax',
    text('ram:CalculatedAmount', ciiAmount(entry.vatAmountCents)),
    text('ram:TypeCode', 'VAT'),
    exempt && entry.exemptionReason && text('ram:ExemptionReason', entry.exemptionReason),
    text('ram:BasisAmount', ciiAmount(entry.taxableAmountCents)),
    text('ram:CategoryCode', entry.vatCategory),
    exempt && entry.vatexCode && text('ram:ExemptionReasonCode', entry.vatexCode),
    entry.vatCategory === 'S' && document.seller.vatOnDebits && text('ram:DueDateTypeCode', '5'),
    entry.vatCategory !== 'O' &&
      text('ram:RateApplicablePercent', ciiRate(entry.vatRateBasisPoints)),
  );
}

/**
 * Payment terms: BT-20, how and by when, in words, and BT-9, the due date. An invoice asking for money
 * gives its due date; one paid when issued gives the day it was paid (BR-FR-CO-09 wants it with
 * S2). A credit note's refund by transfer has a date by which it is made; a refund to the card
 * or account that paid says when it was ordered, in words (BR-CO-25 wants terms or a date).
 */
function paymentTerms(document: InvoiceDocument): XmlElement | null {
  const dueDate = dueDateOf(document);
  const description = paymentTermsText(document);
  return group(
    'ram:SpecifiedTradePaymentTerms',
    description && text('ram:Description', description),
    dueDate &&
      group('ram:DueDateDateTime', text('udt:DateTimeString', ciiDate(dueDate), DATE_FORMAT)),
  );
}

function dueDateOf(document: InvoiceDocument): string | null {
  if (document.kind === 'invoice' && cadreDeFacturation(document) === 'S2') {
    return document.paidOn ?? document.dueDate;
  }
  return document.amountDueCents > 0 ? document.dueDate : null;
}

/** BT-20, in the words of the PDF's « Règlement ». */
export function paymentTermsText(document: InvoiceDocument): string | null {
  const due = document.amountDueCents;
  const means = document.paymentMeans;
  if (document.kind === 'credit_note') {
    if (due === 0) return null;
    if ((means === 'card' || means === 'sepa_debit') && document.paidOn) {
      const to =
        means === 'card'
          ? 'la carte bancaire ayant servi au paiement'
          : 'le compte prélevé lors du paiement';
      return `Remboursement sur ${to}, ordonné le ${frenchDate(document.paidOn)}.`;
    }
    return document.dueDate
      ? `Remboursement par virement sur votre compte, au plus tard le ${frenchDate(document.dueDate)}.`
      : 'Avoir à déduire ou à rembourser.';
  }
  if (due === 0) {
    return means && document.paidOn && (document.prepaidAmountCents ?? 0) > 0
      ? `Facture acquittée le ${frenchDate(document.paidOn)} par ${MEANS_LABELS[means]}.`
      : null;
  }
  if (!document.dueDate) return null;
  const days = daysBetween(document.issueDate, document.dueDate);
  const by = `au plus tard le ${frenchDate(document.dueDate)}`;
  switch (means) {
    case 'cheque':
      return `Paiement par chèque à ${days} jours, ${by}, à l'ordre de ${document.seller.name}.`;
    case 'administrative_mandate':
      return (
        `Paiement par mandat administratif dans le délai global de paiement de ${days} jours ` +
        `(art. R2192-10 du code de la commande publique), ${by}.`
      );
    default:
      return `Paiement par virement à ${days} jours, ${by}.`;
  }
}

/**
 * BG-22. Line total (BT-106) = base (BT-109) since the Chambre puts no allowance or charge on the
 * document; BT-110 carries its currency; BT-113 is what was settled when issued (a prepayment, or
 * what a credit note sets off against its invoice) and BT-115 what remains, to pay or to refund.
 */
function totals(document: InvoiceDocument): XmlElement | null {
  return group(
    'ram:SpecifiedTradeSettlementHeaderMonetarySummation',
    text('ram:LineTotalAmount', ciiAmount(document.totalExclVatCents)),
    text('ram:TaxBasisTotalAmount', ciiAmount(document.totalExclVatCents)),
    text('ram:TaxTotalAmount', ciiAmount(document.totalVatCents), { currencyID: CURRENCY }),
    text('ram:GrandTotalAmount', ciiAmount(document.totalInclVatCents)),
    text('ram:TotalPrepaidAmount', ciiAmount(document.prepaidAmountCents ?? 0)),
    text('ram:DuePayableAmount', ciiAmount(document.amountDueCents)),
  );
}

// ---------------------------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------------------------

/** Integer cents as euros with two decimals and a point: 123456 → `1234.56`, never via a float. */
export function ciiAmount(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.trunc(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** Basis points as a percentage with two decimals, as BR-FR-16 lists them: 2000 → `20.00`. */
export function ciiRate(basisPoints: number): string {
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) {
    throw new RangeError(`Not a rate in basis points: ${basisPoints}`);
  }
  return ciiAmount(basisPoints);
}

/** `2027-01-15` → `20270115` (format 102); refuses what is not a real calendar day. */
export function ciiDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== isoDate) {
    throw new RangeError(`Not a date as YYYY-MM-DD: ${JSON.stringify(isoDate)}`);
  }
  return `${match[1]}${match[2]}${match[3]}`;
}

function frenchDate(isoDate: string): string {
  const compact = ciiDate(isoDate);
  return `${compact.slice(6, 8)}/${compact.slice(4, 6)}/${compact.slice(0, 4)}`;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function sirenOf(siret: string): string {
  return siret.slice(0, 9);
}

/** What no valid e-invoice can come from: refused rather than written. */
function assertBuildable(document: InvoiceDocument): void {
  const expected = document.kind === 'invoice' ? 380 : 381;
  if (document.typeCode !== expected) {
    throw new RangeError(`A ${document.kind} has type code ${expected}, not ${document.typeCode}`);
  }
  if (document.kind === 'credit_note' && !document.precedingInvoice) {
    throw new RangeError('A credit note names the invoice it corrects (BT-25)');
  }
  const { seller, buyer } = document;
  for (const siret of [seller.siret, ...(buyer.siret === null ? [] : [buyer.siret])]) {
    if (!/^\d{14}$/.test(siret)) {
      throw new RangeError(`A SIRET is 14 digits, got ${JSON.stringify(siret)}`);
    }
  }
  if (buyer.siret === null && !/^W\d{9}$/.test(buyer.rna ?? '')) {
    throw new RangeError('A buyer without a SIRET is an association with an RNA number');
  }
  if (document.lines.length === 0) throw new RangeError('An invoice needs at least one line');
  const outOfScope = document.lines.filter((line) => line.vatCategory === 'O').length;
  if (outOfScope > 0 && outOfScope !== document.lines.length) {
    // BR-O-11: a document with a line out of scope of VAT carries no other category.
    throw new RangeError('A document with a line out of scope of VAT carries only such lines');
  }
  const prepaid = document.prepaidAmountCents ?? 0;
  if (prepaid + document.amountDueCents !== document.totalInclVatCents) {
    throw new RangeError(`What ${document.number} says is settled and due is not its total`);
  }
}
