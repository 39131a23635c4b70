import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { auditDiff, auditFiltersFromSearch, auditQueryOf, formatAuditValue } from './audit';
import { AuditDiff } from './AuditDiff';

const words = { language: 'fr', yes: 'oui', no: 'non', none: '—' };

/** The table's rows as [field, before, after] texts, as a reader sees them. */
function rowsOf(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''));
}

describe('audit diff', () => {
  it('tells a change from a creation, a removal and a field shown for context', () => {
    expect(
      auditDiff({ userId: 'u1', role: 'org_member' }, { userId: 'u1', role: 'org_admin' }),
    ).toEqual([
      { field: 'userId', before: 'u1', after: 'u1', change: 'same' },
      { field: 'role', before: 'org_member', after: 'org_admin', change: 'changed' },
    ]);
    expect(auditDiff(null, { year: 2027, status: 'active' }).map((row) => row.change)).toEqual([
      'added',
      'added',
    ]);
    expect(auditDiff({ userId: 'u1' }, null)).toEqual([
      { field: 'userId', before: 'u1', after: undefined, change: 'removed' },
    ]);
    // A list compared by value, not by reference.
    expect(auditDiff({ roles: ['admin'] }, { roles: ['admin'] })[0].change).toBe('same');
  });

  it('reads cents as euros, booleans as yes or no, and an empty list as none', () => {
    expect(formatAuditValue('memberPriceCents', 19_000, words)).toBe('190,00\u00a0€');
    expect(formatAuditValue('isPublicBody', true, words)).toBe('oui');
    expect(formatAuditValue('roles', [], words)).toBe('—');
    expect(formatAuditValue('year', 2027, words)).toBe('2027');
    expect(formatAuditValue('columns', { amount: 'Montant' }, words)).toBe('amount : Montant');
  });

  it('renders before and after in French words, the old value struck and the new one marked', async () => {
    await i18n.changeLanguage('fr');
    render(
      <AuditDiff
        before={{ memberPriceCents: 18_000, vatTreatment: 'exempt_training', roles: [] }}
        after={{ memberPriceCents: 19_000, vatTreatment: 'standard', roles: ['finance', 'admin'] }}
      />,
    );
    const table = screen.getByRole('table');
    expect(rowsOf(table)).toEqual([
      ['Prix adhérent (HT)', '180,00\u00a0€', '190,00\u00a0€'],
      ['Régime de TVA', 'Exonérée (formation, art. 261, 4, 4° a du CGI)', 'TVA au taux normal'],
      ['Rôles', '—', 'Finance, Administration'],
    ]);
    expect(table.querySelector('del')).toHaveTextContent('180,00');
    expect(table.querySelector('ins')).toHaveTextContent('190,00');
    // An absence (no roles before) is muted, not struck as if it were a value.
    expect(table.querySelectorAll('del')).toHaveLength(2);
    expect(table.querySelectorAll('ins')).toHaveLength(3);
  });

  it('shows a creation with nothing before, a removal as removed, and unknown fields by name', () => {
    const { rerender } = render(
      <AuditDiff before={null} after={{ year: 2027, status: 'active' }} />,
    );
    expect(rowsOf(screen.getByRole('table'))).toEqual([
      ['Année', '—', '2027'],
      ['Statut', '—', 'Active'],
    ]);
    rerender(
      <AuditDiff before={{ userId: 'u1', role: 'org_admin', futureField: 'x' }} after={null} />,
    );
    expect(rowsOf(screen.getByRole('table'))).toEqual([
      ['Personne (identifiant)', 'u1', 'supprimé'],
      ['Rôle', "Administrateur de l'organisation", 'supprimé'],
      ['futureField', 'x', 'supprimé'],
    ]);
  });

  it('shows a field given for context on both sides, unmarked', () => {
    render(
      <AuditDiff
        before={{ userId: 'u1', role: 'org_member' }}
        after={{ userId: 'u1', role: 'org_admin' }}
      />,
    );
    const table = screen.getByRole('table');
    expect(rowsOf(table)).toEqual([
      ['Personne (identifiant)', 'u1', 'u1'],
      ['Rôle', "Membre de l'organisation", "Administrateur de l'organisation"],
    ]);
    expect(table.querySelectorAll('del, ins')).toHaveLength(2);
  });

  it('keeps its filters in the address, a subject as type:id, empty ones left out', () => {
    const filters = auditFiltersFromSearch(
      new URLSearchParams('entity=csv_profile:ma-banque&from=2026-12-01'),
    );
    expect(filters).toEqual({
      action: '',
      entityType: 'csv_profile',
      entityId: 'ma-banque',
      actor: '',
      from: '2026-12-01',
      to: '',
    });
    expect(auditQueryOf(filters)).toEqual({ entity: 'csv_profile:ma-banque', from: '2026-12-01' });
    expect(auditQueryOf({ ...filters, entityType: '', from: '' })).toEqual({});
  });
});
