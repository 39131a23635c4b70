import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { parisDate } from '@mutualis/core';
import type { BookingFacts, ConfirmationMethod } from '@mutualis/booking';
import type { BillingIdentity } from '@mutualis/identity';
import {
  computeInvoiceTotals,
  InvoiceLineInput,
  InvoiceTotals,
  membershipVatTermsFor,
  VatTerms,
  vatTermsFor,
} from '../domain/invoice-totals';
import { createRfReference } from '../domain/rf-reference';
import type { PaymentMeans } from '../domain/settlement';
import { Chambre } from '../entities/chambre.entity';
import type { BuyerSnapshot, SellerSnapshot } from '../invoicing.types';
import { DraftInvoice, DraftLine } from '../repositories/invoice.repository';

const TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * The Chambre as an invoice prints it. Its NDA (numéro de déclaration d'activité) identifies its
 * training activity, so it is printed on the invoices of trainings and only there: on a
 * consultation's it would suggest a training the buyer did not buy.
 */
export function sellerOf(chambre: Chambre, options: { training: boolean }): SellerSnapshot {
  return {
    name: chambre.legalName,
    addressLines: [
      chambre.addressLine1,
      ...(chambre.addressLine2 ? [chambre.addressLine2] : []),
      `${chambre.postalCode} ${chambre.city}`,
    ],
    siret: chambre.siret,
    vatNumber: chambre.vatNumber,
    vatRegime: chambre.vatRegime,
    vatOnDebits: chambre.vatOnDebits,
    trainingDeclarationNumber: options.training ? chambre.trainingDeclarationNumber : null,
    iban: chambre.iban,
    bic: chambre.bic,
    email: chambre.email,
    phone: chambre.phone,
    latePaymentRate: chambre.latePaymentRate,
    logoKey: chambre.logoPath,
    paymentTermsDays: chambre.paymentTermsDays,
    address: {
      line1: chambre.addressLine1,
      line2: chambre.addressLine2,
      postalCode: chambre.postalCode,
      city: chambre.city,
      countryCode: chambre.country,
    },
  };
}

/**
 * The buyer as its invoice prints it. A public body's invoice names its Chorus Pro structure,
 * with the engagement number and service code its booking carries (BT-13, BT-10).
 */
export function buyerOf(
  identity: BillingIdentity,
  references: Pick<BookingFacts, 'engagementNumber' | 'serviceCode'> | null = null,
): BuyerSnapshot {
  return {
    name: identity.legalName,
    addressLines: identity.addressLines,
    siret: identity.siret,
    rna: identity.rna,
    vatNumber: identity.vatNumber,
    billingEmail: identity.billingEmail,
    publicBody: identity.isPublicBody,
    address: identity.address,
    vatRegistered: identity.vatRegistered,
    publicProcurement: identity.chorusStructure
      ? {
          structureSiret: identity.chorusStructure.structureSiret,
          serviceCode: references?.serviceCode ?? null,
          engagementNumber: references?.engagementNumber ?? null,
        }
      : null,
  };
}

/**
 * The seller and buyer as an invoice with these lines may print them. A line not subject to VAT
 * (category O) forbids the seller's and the buyer's VAT identifiers on the whole invoice (EN
 * 16931 BR-O-02): the parties stay identified by their SIRET. Any other invoice prints them.
 */
export function vatIdentifiersFor(
  lines: readonly Pick<InvoiceLineInput, 'vatCategory'>[],
  seller: SellerSnapshot,
  buyer: BuyerSnapshot,
): { seller: SellerSnapshot; buyer: BuyerSnapshot } {
  const outOfScope = lines.filter((line) => line.vatCategory === 'O').length;
  if (outOfScope === 0) return { seller, buyer };
  // Nor can it carry lines of another category (BR-O-11, BR-O-12): a data error, not an input.
  if (outOfScope !== lines.length) {
    throw new RangeError('an invoice with a line not subject to VAT carries only such lines');
  }
  return { seller: { ...seller, vatNumber: null }, buyer: { ...buyer, vatNumber: null } };
}

/**
 * The Paris calendar days a service covers: its first day, and its last when it ends on another
 * day. A session ending at midnight ends the day before.
 */
export function serviceDays(
  startsAt: Date,
  endsAt: Date,
): { serviceDate: string; serviceEndDate: string | null } {
  const serviceDate = parisDate(startsAt);
  const last = parisDate(new Date(Math.max(startsAt.getTime(), endsAt.getTime() - 1)));
  return { serviceDate, serviceEndDate: last > serviceDate ? last : null };
}

/** How the invoice of a booking is paid, from how the booking was confirmed. */
export function paymentMeansOf(method: ConfirmationMethod | null): PaymentMeans | null {
  return method === null || method === 'free' ? null : method;
}

/** The line whenLine writes, as it starts. */
const WHEN_LINE = /^(Le|Du) \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}/;

/**
 * A booking line's description without its line of when (and where) the service is: what the
 * credit note of a cancelled service credits, a service that never took place.
 */
export function withoutServiceMoment(description: string): string {
  return description
    .split('\n')
    .filter((line) => !WHEN_LINE.test(line))
    .join('\n');
}

/** « Le 12/01/2027 à 09:30 », or « Du 12/01/2027 à 09:30 au 14/01/2027 à 17:00 » over several days. */
function whenLine(facts: BookingFacts, days: { serviceEndDate: string | null }): string {
  const at = (instant: Date) => TIME.format(instant).replace(' ', ' à ');
  return days.serviceEndDate
    ? `Du ${at(facts.serviceStartsAt)} au ${at(facts.serviceEndsAt)}`
    : `Le ${at(facts.serviceStartsAt)}`;
}

/** A new ISO 11649 reference: RF, check digits, and 16 random characters unique to the invoice. */
export function newPaymentReference(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(16);
  const base = [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
  return createRfReference(`M${base}`);
}

/** What a membership invoice bills: one organisation's cotisation for one calendar year. */
export interface MembershipCharge {
  membershipId: string;
  organisationId: string;
  year: number;
  description: string;
  /** Excl. VAT when taxable; the whole amount when out of scope. */
  amountCents: number;
  vatTreatment: 'out_of_scope' | 'taxable';
}

/**
 * Builds an invoice's content: from a booking, one line of seats with the session and its
 * attendees; from a membership, one line of cotisation for its year.
 */
@Injectable()
export class InvoiceComposer {
  /**
   * A cotisation: one line, quantity 1, for the service period of its calendar year (BT-73,
   * BT-74), under the regime the fee schedule decides. Payable like any invoice (transfer with
   * its RF reference, or card); a public body's on its administrative mandate, with the public
   * buyers' terms, and transmitted through Chorus Pro like its other invoices, to the service
   * its structure names by default (no engagement number: a cotisation is no purchase order).
   */
  forMembership(
    charge: MembershipCharge,
    chambre: Chambre,
    buyer: BillingIdentity,
  ): { draft: Omit<DraftInvoice, 'paymentReference'>; lines: DraftLine[] } {
    const vat = membershipVatTermsFor(charge.vatTreatment, chambre.vatRegime === 'franchise');
    const totals = computeInvoiceTotals([lineOf(charge.description, 1, charge.amountCents, vat)]);
    return {
      draft: {
        chambreId: chambre.id,
        type: 'invoice',
        typeCode: 380,
        organisationId: charge.organisationId,
        bookingId: null,
        membershipId: charge.membershipId,
        correctsInvoiceId: null,
        sourceEventId: null,
        serviceDate: `${charge.year}-01-01`,
        serviceEndDate: `${charge.year}-12-31`,
        serviceCancelled: false,
        paymentMeans: buyer.isPublicBody ? 'administrative_mandate' : null,
        prepaidAmountCents: 0,
        paidOn: null,
        ...documentOf(
          totals,
          sellerOf(chambre, { training: false }),
          buyerOf(buyer, {
            serviceCode: buyer.chorusStructure?.defaultServiceCode ?? null,
            engagementNumber: null,
          }),
        ),
      },
      lines: linesOf(totals),
    };
  }

  forBooking(
    facts: BookingFacts,
    chambre: Chambre,
    buyer: BillingIdentity,
  ): { draft: Omit<DraftInvoice, 'paymentReference'>; lines: DraftLine[] } {
    const vat = vatTermsFor(facts.vatTreatment, chambre.vatRegime === 'franchise');
    const days = serviceDays(facts.serviceStartsAt, facts.serviceEndsAt);
    const description = [
      `${facts.offeringTitle}${facts.memberPrice ? ' (tarif adhérent)' : ''}`,
      `${whenLine(facts, days)}${facts.location ? ` — ${facts.location}` : ''}`,
      `Participants : ${facts.attendeeNames.join(', ')}`,
    ].join('\n');
    const totals = computeInvoiceTotals([
      {
        description,
        quantity: facts.seats,
        unitPriceExclVatCents: facts.unitPriceCents,
        vatRegime: vat.vatRegime,
        vatCategory: vat.vatCategory,
        vatRateBasisPoints: vat.vatRateBasisPoints,
        exemptionReason: vat.exemptionReason ?? undefined,
      },
    ]);
    return {
      draft: {
        chambreId: chambre.id,
        type: 'invoice',
        typeCode: 380,
        organisationId: facts.organisationId,
        bookingId: facts.bookingId,
        membershipId: null,
        correctsInvoiceId: null,
        sourceEventId: null,
        ...days,
        serviceCancelled: false,
        ...this.paidAtConfirmation(facts),
        currency: 'EUR',
        totalExclVatCents: totals.totalExclVatCents,
        totalVatCents: totals.totalVatCents,
        totalInclVatCents: totals.totalInclVatCents,
        ...vatIdentifiersFor(
          totals.lines,
          sellerOf(chambre, { training: facts.offeringKind === 'training' }),
          buyerOf(buyer, facts),
        ),
        vatBreakdown: totals.vatBreakdown.map((entry) => ({
          ...entry,
          exemptionReason: entry.exemptionReason ?? null,
        })),
        reason: null,
      },
      lines: totals.lines.map((line) => ({
        description: line.description,
        quantity: line.quantity,
        unitPriceExclVatCents: line.unitPriceExclVatCents,
        vatCategory: line.vatCategory,
        vatRateBasisPoints: line.vatRateBasisPoints,
        exemptionReason: line.exemptionReason ?? null,
        vatRegime: line.vatRegime,
        vatexCode: line.vatexCode,
        lineTotalExclVatCents: line.lineTotalExclVatCents,
      })),
    };
  }

  /** The means of payment, and a card or SEPA payment made before the invoice (it confirmed the booking). */
  private paidAtConfirmation(
    facts: BookingFacts,
  ): Pick<DraftInvoice, 'paymentMeans' | 'prepaidAmountCents' | 'paidOn'> {
    const paid = facts.paymentAtConfirmation;
    return {
      paymentMeans: paymentMeansOf(facts.confirmationMethod),
      prepaidAmountCents: paid?.amountCents ?? 0,
      paidOn: paid ? parisDate(paid.paidAt) : null,
    };
  }
}

function lineOf(
  description: string,
  quantity: number,
  unitPriceExclVatCents: number,
  vat: VatTerms,
): InvoiceLineInput {
  return {
    description,
    quantity,
    unitPriceExclVatCents,
    vatRegime: vat.vatRegime,
    vatCategory: vat.vatCategory,
    vatRateBasisPoints: vat.vatRateBasisPoints,
    exemptionReason: vat.exemptionReason ?? undefined,
  };
}

/** The totals, parties and VAT breakdown of a draft from its computed lines. */
function documentOf(
  totals: InvoiceTotals,
  seller: SellerSnapshot,
  buyer: BuyerSnapshot,
): Pick<
  DraftInvoice,
  | 'currency'
  | 'totalExclVatCents'
  | 'totalVatCents'
  | 'totalInclVatCents'
  | 'seller'
  | 'buyer'
  | 'vatBreakdown'
  | 'reason'
> {
  return {
    currency: 'EUR',
    totalExclVatCents: totals.totalExclVatCents,
    totalVatCents: totals.totalVatCents,
    totalInclVatCents: totals.totalInclVatCents,
    ...vatIdentifiersFor(totals.lines, seller, buyer),
    vatBreakdown: totals.vatBreakdown.map((entry) => ({
      ...entry,
      exemptionReason: entry.exemptionReason ?? null,
    })),
    reason: null,
  };
}

function linesOf(totals: InvoiceTotals): DraftLine[] {
  return totals.lines.map((line) => ({
    description: line.description,
    quantity: line.quantity,
    unitPriceExclVatCents: line.unitPriceExclVatCents,
    vatCategory: line.vatCategory,
    vatRateBasisPoints: line.vatRateBasisPoints,
    exemptionReason: line.exemptionReason ?? null,
    vatRegime: line.vatRegime,
    vatexCode: line.vatexCode,
    lineTotalExclVatCents: line.lineTotalExclVatCents,
  }));
}
