import { STANDARD_VAT_RATE_BASIS_POINTS } from '@mutualis/core';
import type { OfferingKind } from './catalogue.types';

/** EN 16931 VAT category codes (UNTDID 5305) the Chambre uses: S standard rate, E exempt, O not subject. */
export type VatCategory = 'S' | 'E' | 'O';

/**
 * The provision exempting professional continuing training. The CIBS (code des impositions sur
 * les biens et services) will take over VAT from the CGI; until its VAT part is in force the
 * CGI article is the one to print. When it is, this line is the one to change.
 */
export const TRAINING_EXEMPTION_PROVISION = 'art. 261, 4, 4° a du CGI';

/**
 * The closed list of VAT regimes a line can be sold under, each with its legal basis, its EN
 * 16931 category and rate, its VATEX code (CEF code list, as the EN 16931 schematron checks it:
 * BR-CL-22) and the mention an invoice prints. Three kinds of codes:
 * - those the Chambre may set on an offering (`offeringKinds` not empty);
 * - `franchise`, the Chambre's own regime (art. 293 B): it replaces `standard` on every line
 *   while the Chambre is under the franchise, and is never set per offering;
 * - `out_of_scope_membership`, a member's cotisation the Chambre's fee schedule declares outside
 *   the scope of VAT (no individual consideration): only membership invoices carry it;
 * - `not_subject`, retired: it had no legal basis and is kept only to describe what was
 *   invoiced before (invoice lines, booking snapshots already invoiced).
 *
 * One rate only, 20 % (CGI art. 278): the Chambre sells training and consulting services, and
 * none of the reduced rates (10 %, 5,5 %, 2,1 %: CGI art. 278-0 bis to 281 nonies — catering,
 * passenger transport, books, shows, medicines…) covers them. A regime at another rate would be
 * a new entry here, never a free rate typed by someone.
 */
export const VAT_REGIMES = {
  standard: {
    label: 'Soumis à la TVA au taux normal (20 %)',
    legalBasis: 'art. 256 et 278 du CGI',
    category: 'S',
    rateBasisPoints: STANDARD_VAT_RATE_BASIS_POINTS,
    vatexCode: null,
    mention: null,
    offeringKinds: ['training', 'consultation'],
  },
  exempt_training: {
    label: 'Exonéré : formation professionnelle continue',
    legalBasis: TRAINING_EXEMPTION_PROVISION,
    category: 'E',
    rateBasisPoints: 0,
    vatexCode: 'VATEX-FR-CGI261-4',
    mention: `Exonération de TVA, ${TRAINING_EXEMPTION_PROVISION}`,
    // Only a training, and only once the DREETS attestation (form 3511-SD) is recorded.
    offeringKinds: ['training'],
  },
  exempt_members: {
    label: 'Exonéré : services rendus aux membres par un organisme sans but lucratif',
    legalBasis: 'art. 261, 7, 1° a du CGI',
    category: 'E',
    rateBasisPoints: 0,
    vatexCode: 'VATEX-FR-CGI261-7',
    mention: 'Exonération de TVA, art. 261, 7, 1° a du CGI',
    offeringKinds: ['training', 'consultation'],
  },
  out_of_scope_disbursement: {
    label: 'Hors champ : débours refacturés à l’identique',
    legalBasis: 'art. 267, II, 2° du CGI',
    category: 'O',
    rateBasisPoints: 0,
    vatexCode: 'VATEX-EU-O',
    mention: 'Débours, hors du champ de la TVA, art. 267, II, 2° du CGI',
    offeringKinds: ['training', 'consultation'],
  },
  out_of_scope_subsidy: {
    label: 'Hors champ : subvention non liée au prix',
    legalBasis: 'art. 256 et 266, 1, a du CGI',
    category: 'O',
    rateBasisPoints: 0,
    vatexCode: 'VATEX-EU-O',
    mention: 'Subvention non liée au prix, hors du champ de la TVA, art. 266, 1, a du CGI',
    offeringKinds: ['training', 'consultation'],
  },
  out_of_scope_membership: {
    label: 'Hors champ : cotisation sans contrepartie individualisée',
    legalBasis: 'art. 256 du CGI',
    category: 'O',
    rateBasisPoints: 0,
    vatexCode: 'VATEX-EU-O',
    mention:
      'Cotisation hors du champ d’application de la TVA (sans contrepartie individualisée), art. 256 du CGI',
    // A member's cotisation, never an offering's regime: the Chambre decides in its fee schedule
    // whether cotisations are out of scope (no individual consideration) or taxable (`standard`).
    offeringKinds: [],
  },
  franchise: {
    label: 'Franchise en base de TVA',
    legalBasis: 'art. 293 B du CGI',
    category: 'E',
    rateBasisPoints: 0,
    vatexCode: 'VATEX-FR-FRANCHISE',
    mention: 'TVA non applicable, art. 293 B du CGI',
    offeringKinds: [],
  },
  not_subject: {
    label: 'Non soumis (retiré, sans base légale)',
    legalBasis: null,
    category: 'O',
    rateBasisPoints: 0,
    vatexCode: 'VATEX-EU-O',
    mention: 'Opération non soumise à la TVA',
    offeringKinds: [],
  },
} as const satisfies Record<string, VatRegime>;

export interface VatRegime {
  /** French, as the Chambre's staff read it. */
  label: string;
  /** The article that grounds it; null only for the retired `not_subject`. */
  legalBasis: string | null;
  category: VatCategory;
  /** 2000 for 20 %; 0 unless the category is S. */
  rateBasisPoints: number;
  /** BT-121, required for E and O (BR-E-10, BR-O-10); null for S. */
  vatexCode: string | null;
  /** BT-120, printed on the invoice; null for S. */
  mention: string | null;
  /** The kinds of offering the Chambre may sell under it; empty: never set on an offering. */
  offeringKinds: readonly OfferingKind[];
}

/** Every regime code an invoice line or a booking snapshot may carry. */
export type VatRegimeCode = keyof typeof VAT_REGIMES;
export const VAT_REGIME_CODES = Object.keys(VAT_REGIMES) as VatRegimeCode[];

/** The regimes the Chambre may set on an offering (its `vatTreatment`). */
export const VAT_TREATMENTS = [
  'standard',
  'exempt_training',
  'exempt_members',
  'out_of_scope_disbursement',
  'out_of_scope_subsidy',
] as const satisfies readonly VatRegimeCode[];
export type VatTreatment = (typeof VAT_TREATMENTS)[number];

/**
 * The regimes a Chambre may make the default for new offerings: out of scope is never a default,
 * since a service sold for a price is within the scope of VAT (CGI art. 256, I) unless the
 * Chambre decides, offering by offering, that it is a pass-through cost or a subsidy.
 */
export const DEFAULT_VAT_TREATMENTS = [
  'standard',
  'exempt_training',
  'exempt_members',
] as const satisfies readonly VatTreatment[];

/** What a booking snapshots: an offering's regime, or the retired one on bookings made before. */
export type BookedVatTreatment = VatTreatment | 'not_subject';

export function vatRegime(code: VatRegimeCode): VatRegime {
  return VAT_REGIMES[code];
}
