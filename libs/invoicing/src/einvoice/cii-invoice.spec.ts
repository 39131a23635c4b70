import { pdfLines } from '@mutualis/testing';
import { XMLParser } from 'fast-xml-parser';
import { paymentConditions, trainingDeclarationMention } from '../domain/payment-conditions';
import { InvoiceDocument, renderInvoicePdf } from '../pdf/invoice-pdf.renderer';
import {
  addressFromLines,
  buildCiiInvoice,
  ciiAmount,
  ciiDate,
  ciiRate,
  EN16931_GUIDELINE,
} from './cii-invoice';
import { CHAMBRE, SCENARIOS } from './cii-scenarios.fixture';
import { escapeAttribute, escapeText } from './xml-writer';

// ---------------------------------------------------------------------------------------------
// Reading the XML back: a tiny path language over fast-xml-parser's tree.
// `a/b[c=v]/d[2]/@attr`: children by name, filtered by a child's text or by position (from 1),
// then an attribute. Every tag parses as an array, every value as the string written.
// ---------------------------------------------------------------------------------------------

type Node = string | { [key: string]: Node[] | string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

function textOf(node: Node): string {
  if (typeof node === 'string') return node;
  const value = node['#text'];
  return typeof value === 'string' ? value : '';
}

function childrenOf(node: Node, name: string): Node[] {
  if (typeof node === 'string') return [];
  const children = node[name];
  return Array.isArray(children) ? children : [];
}

/** The values at a path; `[]` when nothing is there. */
function valuesAt(xml: string, path: string): string[] {
  let nodes: Node[] = [parser.parse(xml) as Node];
  for (const segment of path.split('/')) {
    if (segment.startsWith('@')) {
      return nodes.flatMap((node) =>
        typeof node !== 'string' && typeof node[segment] === 'string' ? [node[segment]] : [],
      );
    }
    const match = /^([\w:]+)(?:\[(?:([\w:]+)=([^\]]*)|(\d+))\])?$/.exec(segment);
    if (!match) throw new Error(`bad path segment ${segment}`);
    const [, name, filterName, filterValue, position] = match;
    nodes = nodes.flatMap((node) => childrenOf(node, name));
    if (filterName) {
      nodes = nodes.filter((node) =>
        childrenOf(node, filterName).some((child) => textOf(child) === filterValue),
      );
    }
    if (position) nodes = nodes.slice(Number(position) - 1, Number(position));
  }
  return nodes.map(textOf);
}

// ---------------------------------------------------------------------------------------------
// What each business term must say, from the document: the table a dropped field fails.
// ---------------------------------------------------------------------------------------------

/** Euros from cents by string surgery: an oracle independent of `ciiAmount`. */
const euros = (cents: number) => {
  const digits = String(cents).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
};
const day = (iso: string) => iso.replace(/-/g, '');
const siren = (siret: string | null) => (siret === null ? null : siret.slice(0, 9));

const ROOT = 'rsm:CrossIndustryInvoice';
const CONTEXT = `${ROOT}/rsm:ExchangedDocumentContext`;
const HEADER = `${ROOT}/rsm:ExchangedDocument`;
const TRADE = `${ROOT}/rsm:SupplyChainTradeTransaction`;
const AGREEMENT = `${TRADE}/ram:ApplicableHeaderTradeAgreement`;
const SELLER = `${AGREEMENT}/ram:SellerTradeParty`;
const BUYER = `${AGREEMENT}/ram:BuyerTradeParty`;
const DELIVERY = `${TRADE}/ram:ApplicableHeaderTradeDelivery`;
const SETTLEMENT = `${TRADE}/ram:ApplicableHeaderTradeSettlement`;
const MEANS = `${SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans`;
const TOTALS = `${SETTLEMENT}/ram:SpecifiedTradeSettlementHeaderMonetarySummation`;
const TERMS = `${SETTLEMENT}/ram:SpecifiedTradePaymentTerms`;

/** [business term, path, the value it must hold, or null: must be absent]. */
type Term = [string, string, string | null];

const MEANS_CODE = {
  card: '48',
  sepa_debit: '59',
  bank_transfer: '58',
  cheque: '20',
  administrative_mandate: '58',
} as const;

function expectedTerms(document: InvoiceDocument): Term[] {
  const conditions = paymentConditions({
    publicBuyer: document.publicBuyer === true,
    latePenaltyRate: document.latePenaltyRate,
  });
  const outOfScope = document.lines.some((line) => line.vatCategory === 'O');
  const prepaid = document.prepaidAmountCents ?? 0;
  const paidInFull =
    document.kind === 'invoice' && prepaid > 0 && prepaid === document.totalInclVatCents;
  const cancelled = document.kind === 'credit_note' && document.serviceCancelled === true;
  const sellerAddress = document.seller.address ?? addressFromLines(document.seller.addressLines);
  const buyerAddress = document.buyer.address ?? addressFromLines(document.buyer.addressLines);
  const means = document.paymentMeans;
  const transferToChambre =
    document.kind === 'invoice' &&
    (means === 'bank_transfer' || means === 'administrative_mandate');
  const meansCode =
    means === null ||
    (document.kind === 'credit_note' &&
      (means === 'bank_transfer' || means === 'administrative_mandate'))
      ? null
      : MEANS_CODE[means];
  const dueDate = paidInFull
    ? document.paidOn!
    : document.amountDueCents > 0
      ? document.dueDate
      : null;

  const terms: Term[] = [
    [
      'BT-23',
      `${CONTEXT}/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID`,
      paidInFull ? 'S2' : 'S1',
    ],
    [
      'BT-24',
      `${CONTEXT}/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID`,
      EN16931_GUIDELINE,
    ],
    ['BT-1', `${HEADER}/ram:ID`, document.number],
    ['BT-3', `${HEADER}/ram:TypeCode`, String(document.typeCode)],
    ['BT-2', `${HEADER}/ram:IssueDateTime/udt:DateTimeString`, day(document.issueDate)],
    ['BT-2 format', `${HEADER}/ram:IssueDateTime/udt:DateTimeString/@format`, '102'],
    [
      'BT-22 AAB',
      `${HEADER}/ram:IncludedNote[ram:SubjectCode=AAB]/ram:Content`,
      conditions.earlyPaymentDiscount,
    ],
    [
      'BT-22 PMD',
      `${HEADER}/ram:IncludedNote[ram:SubjectCode=PMD]/ram:Content`,
      conditions.latePaymentPenalties,
    ],
    [
      'BT-22 PMT',
      `${HEADER}/ram:IncludedNote[ram:SubjectCode=PMT]/ram:Content`,
      conditions.recoveryIndemnity,
    ],
    [
      'BT-22 REG (NDA)',
      `${HEADER}/ram:IncludedNote[ram:SubjectCode=REG]/ram:Content`,
      document.seller.trainingDeclarationNumber
        ? trainingDeclarationMention(document.seller.trainingDeclarationNumber)
        : null,
    ],
    ['BT-10', `${AGREEMENT}/ram:BuyerReference`, document.buyerReference ?? null],
    [
      'BT-13',
      `${AGREEMENT}/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID`,
      document.purchaseOrderReference ?? null,
    ],
    // The seller (BG-4).
    ['BT-27', `${SELLER}/ram:Name`, document.seller.name],
    ['BT-29', `${SELLER}/ram:GlobalID`, document.seller.siret],
    ['BT-29-1', `${SELLER}/ram:GlobalID/@schemeID`, '0009'],
    ['BT-30', `${SELLER}/ram:SpecifiedLegalOrganization/ram:ID`, siren(document.seller.siret)],
    ['BT-30-1', `${SELLER}/ram:SpecifiedLegalOrganization/ram:ID/@schemeID`, '0002'],
    [
      'BT-31',
      `${SELLER}/ram:SpecifiedTaxRegistration/ram:ID`,
      outOfScope ? null : document.seller.vatNumber,
    ],
    ['BT-34', `${SELLER}/ram:URIUniversalCommunication/ram:URIID`, siren(document.seller.siret)],
    ['BT-34-1', `${SELLER}/ram:URIUniversalCommunication/ram:URIID/@schemeID`, '0225'],
    ['BT-35', `${SELLER}/ram:PostalTradeAddress/ram:LineOne`, sellerAddress.line1],
    ['BT-38', `${SELLER}/ram:PostalTradeAddress/ram:PostcodeCode`, sellerAddress.postalCode],
    ['BT-37', `${SELLER}/ram:PostalTradeAddress/ram:CityName`, sellerAddress.city],
    ['BT-40', `${SELLER}/ram:PostalTradeAddress/ram:CountryID`, 'FR'],
    [
      'BT-42',
      `${SELLER}/ram:DefinedTradeContact/ram:TelephoneUniversalCommunication/ram:CompleteNumber`,
      document.seller.phone ?? null,
    ],
    [
      'BT-43',
      `${SELLER}/ram:DefinedTradeContact/ram:EmailURIUniversalCommunication/ram:URIID`,
      document.seller.email ?? null,
    ],
    // The buyer (BG-7).
    ['BT-44', `${BUYER}/ram:Name`, document.buyer.name],
    ['BT-46', `${BUYER}/ram:GlobalID`, document.chorusStructureSiret ?? document.buyer.siret],
    // A buyer without a SIRET (an RNA-only association) has no legal registration id.
    ['BT-47', `${BUYER}/ram:SpecifiedLegalOrganization/ram:ID`, siren(document.buyer.siret)],
    [
      'BT-47-1',
      `${BUYER}/ram:SpecifiedLegalOrganization/ram:ID/@schemeID`,
      document.buyer.siret === null ? null : '0002',
    ],
    [
      'BT-48',
      `${BUYER}/ram:SpecifiedTaxRegistration/ram:ID`,
      outOfScope ? null : document.buyer.vatNumber,
    ],
    [
      'BT-49',
      `${BUYER}/ram:URIUniversalCommunication/ram:URIID`,
      siren(document.buyer.siret) ?? document.buyer.email ?? null,
    ],
    [
      'BT-49-1',
      `${BUYER}/ram:URIUniversalCommunication/ram:URIID/@schemeID`,
      document.buyer.siret === null ? 'EM' : '0225',
    ],
    ['BT-50', `${BUYER}/ram:PostalTradeAddress/ram:LineOne`, buyerAddress.line1],
    ['BT-51', `${BUYER}/ram:PostalTradeAddress/ram:LineTwo`, buyerAddress.line2],
    ['BT-53', `${BUYER}/ram:PostalTradeAddress/ram:PostcodeCode`, buyerAddress.postalCode],
    ['BT-52', `${BUYER}/ram:PostalTradeAddress/ram:CityName`, buyerAddress.city],
    ['BT-55', `${BUYER}/ram:PostalTradeAddress/ram:CountryID`, buyerAddress.countryCode],
    // When (BT-72, or BG-14 BT-73/74; neither for a service cancelled).
    [
      'BT-72',
      `${DELIVERY}/ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime/udt:DateTimeString`,
      cancelled || document.serviceEndDate ? null : day(document.serviceDate),
    ],
    [
      'BT-73',
      `${SETTLEMENT}/ram:BillingSpecifiedPeriod/ram:StartDateTime/udt:DateTimeString`,
      !cancelled && document.serviceEndDate ? day(document.serviceDate) : null,
    ],
    [
      'BT-74',
      `${SETTLEMENT}/ram:BillingSpecifiedPeriod/ram:EndDateTime/udt:DateTimeString`,
      !cancelled && document.serviceEndDate ? day(document.serviceEndDate) : null,
    ],
    // Payment (BG-16, BT-83, BT-9).
    ['BT-5', `${SETTLEMENT}/ram:InvoiceCurrencyCode`, 'EUR'],
    ['BT-83', `${SETTLEMENT}/ram:PaymentReference`, document.paymentReference],
    ['BT-81', `${MEANS}/ram:TypeCode`, meansCode],
    [
      'BT-84',
      `${MEANS}/ram:PayeePartyCreditorFinancialAccount/ram:IBANID`,
      transferToChambre ? document.seller.iban.replace(/ /g, '') : null,
    ],
    [
      'BT-86',
      `${MEANS}/ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID`,
      transferToChambre ? document.seller.bic.toUpperCase() : null,
    ],
    ['BT-9', `${TERMS}/ram:DueDateDateTime/udt:DateTimeString`, dueDate ? day(dueDate) : null],
    // Totals (BG-22).
    ['BT-106', `${TOTALS}/ram:LineTotalAmount`, euros(document.totalExclVatCents)],
    ['BT-109', `${TOTALS}/ram:TaxBasisTotalAmount`, euros(document.totalExclVatCents)],
    ['BT-110', `${TOTALS}/ram:TaxTotalAmount`, euros(document.totalVatCents)],
    ['BT-110-1', `${TOTALS}/ram:TaxTotalAmount/@currencyID`, 'EUR'],
    ['BT-112', `${TOTALS}/ram:GrandTotalAmount`, euros(document.totalInclVatCents)],
    ['BT-113', `${TOTALS}/ram:TotalPrepaidAmount`, euros(prepaid)],
    ['BT-115', `${TOTALS}/ram:DuePayableAmount`, euros(document.amountDueCents)],
    // The corrected invoice (BG-3).
    [
      'BT-25',
      `${SETTLEMENT}/ram:InvoiceReferencedDocument/ram:IssuerAssignedID`,
      document.precedingInvoice?.number ?? null,
    ],
    [
      'BT-26',
      `${SETTLEMENT}/ram:InvoiceReferencedDocument/ram:FormattedIssueDateTime/qdt:DateTimeString`,
      document.precedingInvoice ? day(document.precedingInvoice.issueDate) : null,
    ],
  ];

  // The VAT breakdown (BG-23), one per category and rate.
  for (const entry of document.vatBreakdown) {
    const tax = `${SETTLEMENT}/ram:ApplicableTradeTax[ram:CategoryCode=${entry.vatCategory}]`;
    terms.push(
      [`BT-116 ${entry.vatCategory}`, `${tax}/ram:BasisAmount`, euros(entry.taxableAmountCents)],
      [`BT-117 ${entry.vatCategory}`, `${tax}/ram:CalculatedAmount`, euros(entry.vatAmountCents)],
      [
        `BT-119 ${entry.vatCategory}`,
        `${tax}/ram:RateApplicablePercent`,
        entry.vatCategory === 'O' ? null : euros(entry.vatRateBasisPoints),
      ],
      [`BT-120 ${entry.vatCategory}`, `${tax}/ram:ExemptionReason`, entry.exemptionReason],
      [`BT-121 ${entry.vatCategory}`, `${tax}/ram:ExemptionReasonCode`, entry.vatexCode],
      [
        `BT-8 ${entry.vatCategory}`,
        `${tax}/ram:DueDateTypeCode`,
        entry.vatCategory === 'S' && document.seller.vatOnDebits ? '5' : null,
      ],
    );
  }

  // The lines (BG-25).
  document.lines.forEach((line, index) => {
    const item = `${TRADE}/ram:IncludedSupplyChainTradeLineItem[${index + 1}]`;
    const [name, ...details] = line.description.split('\n');
    terms.push(
      [
        `BT-126 #${index + 1}`,
        `${item}/ram:AssociatedDocumentLineDocument/ram:LineID`,
        String(index + 1),
      ],
      [`BT-153 #${index + 1}`, `${item}/ram:SpecifiedTradeProduct/ram:Name`, name],
      [
        `BT-154 #${index + 1}`,
        `${item}/ram:SpecifiedTradeProduct/ram:Description`,
        details.length ? details.join('\n') : null,
      ],
      [
        `BT-146 #${index + 1}`,
        `${item}/ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount`,
        euros(line.unitPriceExclVatCents),
      ],
      [
        `BT-129 #${index + 1}`,
        `${item}/ram:SpecifiedLineTradeDelivery/ram:BilledQuantity`,
        String(line.quantity),
      ],
      [
        `BT-130 #${index + 1}`,
        `${item}/ram:SpecifiedLineTradeDelivery/ram:BilledQuantity/@unitCode`,
        'C62',
      ],
      [
        `BT-151 #${index + 1}`,
        `${item}/ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode`,
        line.vatCategory,
      ],
      [
        `BT-152 #${index + 1}`,
        `${item}/ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent`,
        line.vatCategory === 'O' ? null : euros(line.vatRateBasisPoints),
      ],
      [
        `BT-131 #${index + 1}`,
        `${item}/ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount`,
        euros(line.lineTotalExclVatCents),
      ],
    );
  });
  return terms;
}

describe('buildCiiInvoice', () => {
  describe.each(SCENARIOS)('$name', ({ document }) => {
    const xml = buildCiiInvoice(document);

    it.each(expectedTerms(document))('%s at %s holds %j', (_term, path, expected) => {
      expect(valuesAt(xml, path)).toEqual(expected === null ? [] : [expected]);
    });

    it('is the same bytes every time it is built', () => {
      expect(buildCiiInvoice(structuredClone(document))).toBe(xml);
    });
  });

  it('builds for each scenario the document kind, payment case and parties it stands for', () => {
    // The table above only proves what each scenario holds: these say the scenarios cover the
    // cases the issue lists.
    const kinds = SCENARIOS.map((s) => s.document);
    expect(kinds.some((d) => d.vatBreakdown.some((e) => e.vatCategory === 'E'))).toBe(true);
    expect(kinds.some((d) => new Set(d.lines.map((line) => line.vatCategory)).size > 1)).toBe(true);
    expect(kinds.some((d) => d.paymentMeans === 'card' && d.amountDueCents === 0)).toBe(true);
    expect(kinds.some((d) => d.typeCode === 381)).toBe(true);
    expect(kinds.some((d) => d.publicBuyer && d.buyerReference && d.purchaseOrderReference)).toBe(
      true,
    );
    expect(kinds.some((d) => [...d.buyer.name].some((c) => c.codePointAt(0)! > 0xff))).toBe(true);
  });

  it('carries a name outside Latin-1 as written, in UTF-8', () => {
    const { document } = SCENARIOS.find((s) => /Latin-1/.test(s.name))!;
    const xml = buildCiiInvoice(document);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(valuesAt(xml, `${BUYER}/ram:Name`)).toEqual([
      'Stowarzyszenie «Łączy nas» — Калина / Ελπίδα',
    ]);
    expect(Buffer.from(xml, 'utf8').toString('utf8')).toBe(xml);
  });

  it('escapes markup in what people typed', () => {
    const { document } = SCENARIOS.find((s) => /legacy/.test(s.name))!;
    const xml = buildCiiInvoice(document);
    expect(xml).toContain('<ram:Name>Association Jardins &lt;Partagés&gt; &amp; Cie</ram:Name>');
    expect(valuesAt(xml, `${BUYER}/ram:Name`)).toEqual(['Association Jardins <Partagés> & Cie']);
  });

  it('refuses a credit note that does not name the invoice it corrects (BT-25)', () => {
    const { document } = SCENARIOS.find((s) => s.document.typeCode === 381)!;
    expect(() => buildCiiInvoice({ ...document, precedingInvoice: undefined })).toThrow(
      /names the invoice it corrects/,
    );
  });

  it('refuses a line out of scope of VAT beside another category (BR-O-11)', () => {
    const { document } = SCENARIOS.find((s) => /mixed/.test(s.name))!;
    const [first, second] = document.lines;
    expect(() =>
      buildCiiInvoice({
        ...document,
        lines: [first, { ...second, vatCategory: 'O', vatRateBasisPoints: 0 }],
      }),
    ).toThrow(/out of scope/);
  });

  it('refuses a document whose settled and due amounts are not its total', () => {
    const { document } = SCENARIOS[0];
    expect(() =>
      buildCiiInvoice({ ...document, amountDueCents: document.amountDueCents - 1 }),
    ).toThrow(/settled and due/);
  });

  it('says in its notes what the PDF prints', async () => {
    // One wording for both (domain/payment-conditions): this fails if the PDF's drifts.
    for (const { document } of SCENARIOS.filter((s) => s.document.kind === 'invoice')) {
      const printed = pdfLines(await renderInvoicePdf(document))
        .join(' ')
        .replace(/\s+/g, ' ');
      for (const subject of ['AAB', 'PMD', 'PMT', 'REG', 'TXD']) {
        for (const note of valuesAt(
          buildCiiInvoice(document),
          `${HEADER}/ram:IncludedNote[ram:SubjectCode=${subject}]/ram:Content`,
        )) {
          expect(printed).toContain(note.replace(/\s+/g, ' '));
        }
      }
    }
  }, 60_000);
});

describe('addressFromLines', () => {
  it('reads the street, the lines between and « code city » of an address printed before it was kept', () => {
    expect(
      addressFromLines([
        '8 chemin des Oliviers',
        'Lieu-dit « La Treille »',
        'Bât. 2',
        '13011 Marseille',
      ]),
    ).toEqual({
      line1: '8 chemin des Oliviers',
      line2: 'Lieu-dit « La Treille », Bât. 2',
      postalCode: '13011',
      city: 'Marseille',
      countryCode: 'FR',
    });
    expect(addressFromLines(CHAMBRE.addressLines)).toEqual(CHAMBRE.address);
  });

  it('keeps a last line without a postal code as the city, and one line as the street', () => {
    expect(addressFromLines(['1 rue Haute', 'Saint-Exemple'])).toEqual({
      line1: '1 rue Haute',
      line2: null,
      postalCode: '',
      city: 'Saint-Exemple',
      countryCode: 'FR',
    });
    expect(addressFromLines(['1 rue Haute'])).toMatchObject({ line1: '1 rue Haute', city: '' });
  });
});

describe('CII formats', () => {
  it('writes integer cents as euros with two decimals and a point, without a float', () => {
    expect(ciiAmount(0)).toBe('0.00');
    expect(ciiAmount(5)).toBe('0.05');
    expect(ciiAmount(120_000)).toBe('1200.00');
    expect(ciiAmount(8_333)).toBe('83.33');
    expect(ciiAmount(-1_050)).toBe('-10.50');
    // Past 2^53 / 100 a float would round; cents stay exact up to the safe integer limit.
    expect(ciiAmount(9_007_199_254_740_991)).toBe('90071992547409.91');
    expect(() => ciiAmount(10.5)).toThrow(RangeError);
  });

  it('writes a rate in basis points as BR-FR-16 lists them', () => {
    expect(ciiRate(2000)).toBe('20.00');
    expect(ciiRate(550)).toBe('5.50');
    expect(ciiRate(210)).toBe('2.10');
    expect(ciiRate(0)).toBe('0.00');
    expect(() => ciiRate(-1)).toThrow(RangeError);
  });

  it('writes a date as CCYYMMDD and refuses a day that does not exist', () => {
    expect(ciiDate('2027-01-05')).toBe('20270105');
    expect(ciiDate('2028-02-29')).toBe('20280229');
    expect(() => ciiDate('2027-02-29')).toThrow(RangeError);
    expect(() => ciiDate('15/01/2027')).toThrow(RangeError);
  });
});

describe('XML escaping', () => {
  it('escapes markup in text and quotes and line breaks in attributes', () => {
    expect(escapeText('a < b & c > d "e" \'f\'')).toBe('a &lt; b &amp; c &gt; d "e" \'f\'');
    expect(escapeAttribute('say "hi"\nthere\t')).toBe('say &quot;hi&quot;&#10;there&#9;');
  });

  it('drops characters XML 1.0 forbids and keeps every other one', () => {
    expect(escapeText('a\u0000b\u0007c\u001fd\uFFFEe\uD800f')).toBe('abcdef');
    expect(escapeText('Łódź Калина Ελπίδα 😀 €')).toBe('Łódź Калина Ελπίδα 😀 €');
    expect(escapeText('one\r\ntwo\rthree')).toBe('one\ntwo\nthree');
  });
});
