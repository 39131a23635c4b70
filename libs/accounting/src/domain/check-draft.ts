import type { EntryDraft } from '../journal/entry-draft';

const JOURNALS = new Set(['VT', 'BQ', 'ST', 'OD']);
const VAT_ROLES = new Set(['vat_pending', 'vat_collected']);
const ROLES = new Set([
  'customers',
  'revenue_taxable',
  'revenue_exempt_training',
  'revenue_other',
  'revenue_membership',
  'vat_pending',
  'vat_collected',
  'bank',
  'stripe',
  'fees',
  'deferred_income',
]);

/** A real calendar day written YYYY-MM-DD (`2026-02-30` is not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10) === value;
}

/**
 * What is wrong with a draft, or an empty list: the journal refuses it whole rather than write
 * an entry an auditor would reject. Balanced, at least two lines, each line with whole cents and
 * at most one side positive; both sides 0 only when every line is 0 (a zero-amount invoice still
 * appears in the sales journal).
 */
export function draftProblems(draft: EntryDraft): string[] {
  const problems: string[] = [];
  if (!JOURNALS.has(draft.journal)) problems.push(`unknown journal ${String(draft.journal)}`);
  if (typeof draft.sourceKey !== 'string' || !/^\S.{0,199}$/.test(draft.sourceKey)) {
    problems.push('the source key must be 1 to 200 characters');
  }
  if (!isIsoDate(draft.date)) problems.push(`the date ${String(draft.date)} is not YYYY-MM-DD`);
  if (!isIsoDate(draft.pieceDate)) {
    problems.push(`the piece date ${String(draft.pieceDate)} is not YYYY-MM-DD`);
  }
  if (typeof draft.pieceRef !== 'string' || draft.pieceRef.trim() === '') {
    problems.push('the piece reference is empty');
  } else if (draft.pieceRef.length > 200) {
    problems.push('the piece reference is longer than 200 characters');
  }
  if (!Array.isArray(draft.lines) || draft.lines.length < 2) {
    problems.push('an entry needs at least two lines');
    return problems;
  }
  if (draft.lines.length > 500) problems.push('an entry has at most 500 lines');
  let debits = 0;
  let credits = 0;
  const allZero = draft.lines.every((line) => line.debitCents === 0 && line.creditCents === 0);
  draft.lines.forEach((line, index) => {
    const where = `line ${index + 1}`;
    const role = line.account?.role;
    if (!ROLES.has(role)) problems.push(`${where}: unknown account role ${String(role)}`);
    if (VAT_ROLES.has(role)) {
      const rate = (line.account as { vatRateBasisPoints?: unknown }).vatRateBasisPoints;
      if (!Number.isInteger(rate) || (rate as number) <= 0 || (rate as number) > 10_000) {
        problems.push(`${where}: a VAT account needs its rate in basis points`);
      }
    }
    if ((role === 'customers') !== (line.organisationId !== undefined)) {
      problems.push(`${where}: an organisation goes with a customers line, and only there`);
    }
    if (line.letteringKey !== undefined) {
      if (role !== 'customers') problems.push(`${where}: only customers lines are lettered`);
      if (typeof line.letteringKey !== 'string' || !/^\S.{0,99}$/.test(line.letteringKey)) {
        problems.push(`${where}: the lettering key must be 1 to 100 characters`);
      }
    }
    if (typeof line.label !== 'string' || line.label.trim() === '') {
      problems.push(`${where}: the label is empty`);
    } else if (line.label.length > 200) {
      problems.push(`${where}: the label is longer than 200 characters`);
    }
    for (const [amount, side] of [
      [line.debitCents, 'debit'],
      [line.creditCents, 'credit'],
    ] as const) {
      if (!Number.isSafeInteger(amount) || amount < 0) {
        problems.push(`${where}: the ${side} must be whole cents, 0 or more`);
      }
    }
    const positive = Number(line.debitCents > 0) + Number(line.creditCents > 0);
    if (positive === 2) problems.push(`${where}: both debit and credit are positive`);
    if (positive === 0 && !allZero) problems.push(`${where}: neither debit nor credit is positive`);
    debits += line.debitCents;
    credits += line.creditCents;
  });
  if (problems.length === 0 && debits !== credits) {
    problems.push(`unbalanced: debits ${debits} ≠ credits ${credits} cents`);
  }
  return problems;
}
