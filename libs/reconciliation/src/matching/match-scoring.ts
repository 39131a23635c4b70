/**
 * How well a bank credit fits an open invoice, as a score in [0, 1] with the reasons behind it.
 *
 * The caller pre-selects candidates (same amount, a reference or number found in the text, …);
 * this module only scores pairs, and is built for 100,000 × a few of them: everything that
 * depends on one side only (normalised names, trigrams, references found in the text, dates as
 * day numbers) is computed once by prepareTransaction / prepareCandidate, and matchScore on
 * prepared values allocates nothing.
 */
import {
  nameCoverage,
  prepareName,
  preparedNameSimilarity,
  type PreparedName,
} from './name-similarity';
import { findInvoiceNumbers, findRfReferences } from './references';

export {
  NAME_NOISE_WORDS,
  PAYER_PREFIX_WORDS,
  nameSimilarity,
  normaliseName,
  prepareName,
  type PreparedName,
} from './name-similarity';
export { findInvoiceNumbers, findRfReferences } from './references';

/** From this score a credit may be allocated without a person looking at it. */
export const AUTO_ALLOCATE_THRESHOLD = 0.95;
/** Below this score a candidate is not even suggested. */
export const SUGGESTION_FLOOR = 0.35;

/**
 * When neither the invoice's RF reference nor its number settles the match, the score is
 *
 *     amount · fit + name · max(0, (similarity − 0.3) / 0.7) + date · proximity
 *     + invoiceNumber (the text quotes the number but the amount does not fit)
 *     − otherReference (the text quotes only other invoices or references)
 *
 * Amount weighs most: a transfer of the exact balance is the usual case and a rare coincidence
 * among a member's invoices. Names come second: banks mangle them and associations are often
 * paid by a treasurer or a funder. Dates come last: members pay early or late. Weights sum to
 * 1, so exact amount + same name + on time reaches 1, before the cap below.
 */
export const MATCH_WEIGHTS = {
  amount: 0.5,
  name: 0.3,
  date: 0.2,
  invoiceNumber: 0.3,
  otherReference: 0.15,
} as const;

/** Amount fit: exact = strong, within 1 € or 1 % = medium, partial / over = weak. */
export const AMOUNT_FIT_SCORES = { exact: 1, close: 0.5, partial: 0.2, over: 0.1 } as const;

export type AmountFit = keyof typeof AMOUNT_FIT_SCORES;

/** A payer name counts from this similarity up; unrelated names stay around 0.1–0.25. */
const NAME_FLOOR = 0.3;
/** The automatic band needs a payer name at least this close to the organisation's… */
const AUTO_NAME_SIMILARITY = 0.85;
/** …and a booking date at most this many days from the due date, either side. */
const AUTO_MAX_DAYS = 45;
/** Invoice number in the text and an amount that fits it. */
const NUMBER_AND_AMOUNT_SCORE = 0.97;
/** Where a weighted score outside the automatic band is capped. */
const BELOW_AUTO = 0.94;
/** Automatic band: 0.95 plus up to 0.01 by the weighted score, so it keeps ordering inside. */
const AUTO_BAND_WIDTH = 0.01;

/**
 * Date proximity is full from 35 days before the due date (paid on receipt of a 30-day invoice)
 * to 15 days after (paying a bit late is normal), then falls linearly to 0 over 60 days.
 */
const EARLY_FULL_DAYS = 35;
const LATE_FULL_DAYS = 15;
const DATE_DECAY_DAYS = 60;

/** Our references are RF + 2 + 17 characters: long enough to be found glued inside any text. */
const MIN_EMBEDDED_REFERENCE_LENGTH = 12;

export interface MatchCandidate {
  invoiceId: string;
  invoiceNumber: string;
  organisationName: string;
  amountDueCents: number;
  /** YYYY-MM-DD */
  dueDate: string;
  paymentReference: string;
}

export interface MatchInput {
  amountCents: number;
  /** YYYY-MM-DD */
  bookingDate: string;
  payerName: string | null;
  remittanceInfo: string | null;
  creditorReference: string | null;
}

/** Why a candidate scored what it did. Amount differences are signed: transfer − balance due. */
export type MatchReason =
  | { code: 'rf_reference'; reference: string }
  | { code: 'invoice_number_in_text'; invoiceNumber: string }
  | { code: 'other_reference'; references: string[] }
  | { code: 'amount_exact' }
  | { code: 'amount_close'; differenceCents: number }
  | { code: 'amount_partial'; differenceCents: number }
  | { code: 'amount_over'; differenceCents: number }
  | { code: 'payer_name'; similarity: number; organisationName: string }
  | { code: 'name_in_text'; similarity: number; organisationName: string }
  | { code: 'date_near_due'; days: number };

export interface PreparedTransaction {
  readonly prepared: 'transaction';
  readonly input: MatchInput;
  readonly bookingDay: number;
  /** Null when the bank gave no payer name, or nothing but noise words. */
  readonly payer: PreparedName | null;
  /** Words of the remittance text, searched for the organisation's name when there is no payer. */
  readonly textTokens: readonly string[];
  readonly rfReferences: readonly string[];
  readonly invoiceNumbers: readonly string[];
  /** Reference and text in upper case, letters and digits only. */
  readonly compactText: string;
}

export interface PreparedCandidate {
  readonly prepared: 'candidate';
  readonly candidate: MatchCandidate;
  readonly dueDay: number;
  readonly name: PreparedName;
  readonly invoiceNumber: string;
  readonly paymentReference: string;
}

export interface ScoredCandidate {
  score: number;
  reasons: MatchReason[];
}

export interface RankedCandidate extends ScoredCandidate {
  candidate: MatchCandidate;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a calendar date; a malformed or impossible date throws. */
function dayNumber(date: string, what: string): number {
  const parts = ISO_DATE.exec(date);
  const time = parts ? Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])) : NaN;
  if (!parts || new Date(time).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`${what} must be a YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  }
  return time / DAY_MS;
}

export function prepareTransaction(tx: MatchInput): PreparedTransaction {
  const structured = tx.creditorReference ?? '';
  const text = tx.remittanceInfo ?? '';
  const payer = tx.payerName === null ? null : prepareName(tx.payerName);
  const hasPayer = payer !== null && payer.tokens.length > 0;
  return {
    prepared: 'transaction',
    input: tx,
    bookingDay: dayNumber(tx.bookingDate, 'bookingDate'),
    payer: hasPayer ? payer : null,
    textTokens: hasPayer || text === '' ? [] : prepareName(text).tokens,
    rfReferences: [...new Set([...findRfReferences(structured), ...findRfReferences(text)])],
    invoiceNumbers: findInvoiceNumbers(`${structured} ${text}`),
    compactText: `${structured}${text}`.toUpperCase().replace(/[^A-Z0-9]/g, ''),
  };
}

export function prepareCandidate(candidate: MatchCandidate): PreparedCandidate {
  return {
    prepared: 'candidate',
    candidate,
    dueDay: dayNumber(candidate.dueDate, `dueDate of ${candidate.invoiceNumber}`),
    name: prepareName(candidate.organisationName),
    invoiceNumber: candidate.invoiceNumber.toUpperCase(),
    paymentReference: candidate.paymentReference.replace(/\s/g, '').toUpperCase(),
  };
}

function preparedTransaction(tx: MatchInput | PreparedTransaction): PreparedTransaction {
  return 'prepared' in tx ? tx : prepareTransaction(tx);
}

function preparedCandidate(candidate: MatchCandidate | PreparedCandidate): PreparedCandidate {
  return 'prepared' in candidate ? candidate : prepareCandidate(candidate);
}

function amountFit(differenceCents: number, amountDueCents: number): AmountFit {
  if (differenceCents === 0) return 'exact';
  const tolerance = Math.max(100, Math.floor(amountDueCents / 100));
  if (Math.abs(differenceCents) <= tolerance) return 'close';
  return differenceCents < 0 ? 'partial' : 'over';
}

/** 1 inside the usual payment window, then linearly down to 0; days > 0 means paid late. */
function dateProximity(days: number): number {
  const outside =
    days > LATE_FULL_DAYS
      ? days - LATE_FULL_DAYS
      : days < -EARLY_FULL_DAYS
        ? -EARLY_FULL_DAYS - days
        : 0;
  return Math.max(0, 1 - outside / DATE_DECAY_DAYS);
}

/** Similarity as shown to people: floored, so 84.6 % never reads as the 85 % it missed. */
function shownSimilarity(similarity: number): number {
  return Math.floor(similarity * 100) / 100;
}

/** The one scoring routine; reasons are only built when an array is passed to receive them. */
function evaluate(
  tx: PreparedTransaction,
  invoice: PreparedCandidate,
  reasons: MatchReason[] | null,
): number {
  const reference = invoice.paymentReference;
  const referenceFound =
    reference !== '' &&
    (tx.rfReferences.includes(reference) ||
      (reference.length >= MIN_EMBEDDED_REFERENCE_LENGTH && tx.compactText.includes(reference)));
  const numberFound = tx.invoiceNumbers.includes(invoice.invoiceNumber);
  const pointsElsewhere =
    !referenceFound && !numberFound && (tx.invoiceNumbers.length > 0 || tx.rfReferences.length > 0);

  const difference = tx.input.amountCents - invoice.candidate.amountDueCents;
  const fit = amountFit(difference, invoice.candidate.amountDueCents);

  const fromPayer = tx.payer !== null;
  const similarity = fromPayer
    ? preparedNameSimilarity(tx.payer, invoice.name)
    : nameCoverage(invoice.name, tx.textTokens);
  const nameFactor = Math.max(0, (similarity - NAME_FLOOR) / (1 - NAME_FLOOR));

  const days = tx.bookingDay - invoice.dueDay;
  const proximity = dateProximity(days);

  let score: number;
  if (referenceFound) {
    score = 1;
  } else if (numberFound && difference <= 0) {
    score = NUMBER_AND_AMOUNT_SCORE;
  } else {
    const weighted = Math.max(
      0,
      MATCH_WEIGHTS.amount * AMOUNT_FIT_SCORES[fit] +
        MATCH_WEIGHTS.name * nameFactor +
        MATCH_WEIGHTS.date * proximity +
        (numberFound ? MATCH_WEIGHTS.invoiceNumber : 0) -
        (pointsElsewhere ? MATCH_WEIGHTS.otherReference : 0),
    );
    // Only the payer field, not a word found in a label, is trusted enough to go automatic.
    const automatic =
      fit === 'exact' &&
      fromPayer &&
      shownSimilarity(similarity) >= AUTO_NAME_SIMILARITY &&
      Math.abs(days) <= AUTO_MAX_DAYS &&
      !pointsElsewhere;
    score = automatic
      ? AUTO_ALLOCATE_THRESHOLD + AUTO_BAND_WIDTH * Math.min(1, weighted)
      : Math.min(weighted, BELOW_AUTO);
  }

  if (reasons !== null) {
    if (referenceFound) reasons.push({ code: 'rf_reference', reference });
    if (numberFound) {
      reasons.push({ code: 'invoice_number_in_text', invoiceNumber: invoice.invoiceNumber });
    }
    if (pointsElsewhere) {
      reasons.push({
        code: 'other_reference',
        references: [...tx.invoiceNumbers, ...tx.rfReferences],
      });
    }
    if (fit === 'exact') reasons.push({ code: 'amount_exact' });
    else reasons.push({ code: `amount_${fit}`, differenceCents: difference });
    if (nameFactor > 0) {
      reasons.push({
        code: fromPayer ? 'payer_name' : 'name_in_text',
        similarity: shownSimilarity(similarity),
        organisationName: invoice.candidate.organisationName,
      });
    }
    if (proximity > 0) reasons.push({ code: 'date_near_due', days });
  }
  return Math.round(score * 10_000) / 10_000;
}

/** The score alone, on prepared values, allocating nothing: the hot path. */
export function matchScore(tx: PreparedTransaction, invoice: PreparedCandidate): number {
  return evaluate(tx, invoice, null);
}

/**
 * Score in [0, 1] and reasons, on prepared values or, for convenience, raw ones:
 * - 1: the invoice's RF reference is in the creditor reference or the text;
 * - 0.97: its number is in the text and the amount is at most the balance due;
 * - 0.95–0.96: exact amount, payer name ≥ 85 % like the organisation's, booked within 45 days
 *   of the due date, and no other invoice or reference quoted (see MATCH_WEIGHTS);
 * - otherwise the weighted score of MATCH_WEIGHTS, capped at 0.94.
 */
export function scoreCandidate(
  tx: MatchInput | PreparedTransaction,
  invoice: MatchCandidate | PreparedCandidate,
): ScoredCandidate {
  const reasons: MatchReason[] = [];
  const score = evaluate(preparedTransaction(tx), preparedCandidate(invoice), reasons);
  return { score, reasons };
}

/**
 * The best candidates for a transaction, at most `limit`, from SUGGESTION_FLOOR up: by score,
 * then the oldest due date first (the debt a payment usually settles), then invoice number.
 * Two candidates at or above AUTO_ALLOCATE_THRESHOLD make the choice ambiguous: the caller
 * should then ask a person rather than allocate to the first.
 */
export function rankCandidates(
  tx: MatchInput | PreparedTransaction,
  candidates: readonly (MatchCandidate | PreparedCandidate)[],
  limit = 5,
): RankedCandidate[] {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  }
  const transaction = preparedTransaction(tx);
  const kept: { invoice: PreparedCandidate; score: number }[] = [];
  for (const candidate of candidates) {
    const invoice = preparedCandidate(candidate);
    const score = evaluate(transaction, invoice, null);
    if (score >= SUGGESTION_FLOOR) kept.push({ invoice, score });
  }
  kept.sort(
    (a, b) =>
      b.score - a.score ||
      compare(a.invoice.candidate.dueDate, b.invoice.candidate.dueDate) ||
      compare(a.invoice.invoiceNumber, b.invoice.invoiceNumber),
  );
  return kept.slice(0, limit).map(({ invoice, score }) => {
    const reasons: MatchReason[] = [];
    evaluate(transaction, invoice, reasons);
    return { candidate: invoice.candidate, score, reasons };
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type ReasonLocale = 'fr' | 'en';

const EUROS: Readonly<Record<ReasonLocale, Intl.NumberFormat>> = {
  fr: new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }),
};
const PERCENT: Readonly<Record<ReasonLocale, Intl.NumberFormat>> = {
  fr: new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 }),
};

/** Long legal names are cut so a reason stays one short line. */
function quoted(name: string, locale: ReasonLocale): string {
  const short = name.length > 40 ? `${name.slice(0, 39).trimEnd()}…` : name;
  return locale === 'fr' ? `«\u00a0${short}\u00a0»` : `“${short}”`;
}

function euros(cents: number, locale: ReasonLocale): string {
  return EUROS[locale].format(Math.abs(cents) / 100);
}

function paidWhen(days: number, locale: ReasonLocale): string {
  const count = Math.abs(days);
  if (locale === 'fr') {
    if (days === 0) return 'Payé le jour de l’échéance';
    return `Payé ${count} jour${count > 1 ? 's' : ''} ${days > 0 ? 'après' : 'avant'} l’échéance`;
  }
  if (days === 0) return 'Paid on the due date';
  return `Paid ${count} day${count > 1 ? 's' : ''} ${days > 0 ? 'after' : 'before'} the due date`;
}

/** A short sentence for finance staff, in French or English. */
export function describeReason(reason: MatchReason, locale: ReasonLocale): string {
  const fr = locale === 'fr';
  switch (reason.code) {
    case 'rf_reference':
      return fr
        ? `Référence de paiement ${reason.reference} de la facture dans le virement`
        : `The transfer carries the invoice’s payment reference ${reason.reference}`;
    case 'invoice_number_in_text':
      return fr
        ? `Numéro de facture ${reason.invoiceNumber} cité dans le libellé`
        : `Invoice number ${reason.invoiceNumber} quoted in the remittance text`;
    case 'other_reference':
      return fr
        ? `Le virement cite une autre pièce : ${reason.references.join(', ')}`
        : `The transfer quotes another document: ${reason.references.join(', ')}`;
    case 'amount_exact':
      return fr ? 'Montant identique au solde dû' : 'Amount equal to the balance due';
    case 'amount_close': {
      const amount = euros(reason.differenceCents, locale);
      if (fr) {
        return `Montant proche du solde dû (${amount} de ${reason.differenceCents > 0 ? 'plus' : 'moins'})`;
      }
      return `Amount close to the balance due (${amount} ${reason.differenceCents > 0 ? 'more' : 'less'})`;
    }
    case 'amount_partial':
      return fr
        ? `Paiement partiel : ${euros(reason.differenceCents, locale)} de moins que le solde dû`
        : `Partial payment: ${euros(reason.differenceCents, locale)} less than the balance due`;
    case 'amount_over':
      return fr
        ? `Montant supérieur de ${euros(reason.differenceCents, locale)} au solde dû`
        : `Amount ${euros(reason.differenceCents, locale)} more than the balance due`;
    case 'payer_name':
      return fr
        ? `Nom du payeur proche de ${quoted(reason.organisationName, locale)} (${PERCENT.fr.format(reason.similarity)})`
        : `Payer name close to ${quoted(reason.organisationName, locale)} (${PERCENT.en.format(reason.similarity)})`;
    case 'name_in_text':
      return fr
        ? `Nom de ${quoted(reason.organisationName, locale)} retrouvé dans le libellé (${PERCENT.fr.format(reason.similarity)})`
        : `Name of ${quoted(reason.organisationName, locale)} found in the remittance text (${PERCENT.en.format(reason.similarity)})`;
    case 'date_near_due':
      return paidWhen(reason.days, locale);
  }
}
