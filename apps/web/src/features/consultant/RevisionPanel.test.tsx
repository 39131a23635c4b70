import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { components } from '../../api/schema';
import { RevisionPanel } from './RevisionPanel';

type Revision = components['schemas']['OfferingRevisionDto'];

const live = {
  title: 'Les fondamentaux de l’employeur associatif',
  summary: 'Une journée pour les dirigeants bénévoles.',
  description: 'Programme de la journée.',
  memberPriceCents: 18_000,
  nonMemberPriceCents: 26_000,
  vatTreatment: 'standard' as const,
  pedagogy: null,
};

function revision(overrides: Partial<Revision> = {}): Revision {
  return {
    id: 'revision-1',
    offeringId: 'offering-1',
    status: 'pending',
    ...live,
    title: 'Employeur associatif : les fondamentaux',
    nonMemberPriceCents: 29_000,
    changedFields: ['title', 'nonMemberPriceCents'],
    proposedBy: 'consultant-1',
    reviewedAt: null,
    rejectionReason: null,
    createdAt: '2027-01-10T09:00:00Z',
    updatedAt: '2027-01-10T09:30:00Z',
    ...overrides,
  };
}

// Intl writes fr-FR amounts with no-break spaces; compare them as plain spaces.
const text = (element: HTMLElement) => element.textContent?.replace(/[\u00a0\u202f]/g, ' ');

describe('RevisionPanel', () => {
  it('shows nothing when no change awaits review or was refused', () => {
    const { container } = render(<RevisionPanel live={live} pending={null} rejected={null} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('shows the changes awaiting review beside the live values, field by field', () => {
    render(<RevisionPanel live={live} pending={revision()} rejected={null} />);
    const panel = screen.getByRole('region', { name: 'Modifications en attente de validation' });
    expect(panel).toHaveTextContent('la version publiée reste en ligne');
    const rows = within(panel).getAllByRole('row');
    expect(rows.map((row) => within(row).queryAllByRole('columnheader').map(text))).toEqual([
      ['Champ', 'En ligne', 'Proposé'],
      [],
      [],
    ]);
    expect(text(rows[1])).toBe(
      'TitreLes fondamentaux de l’employeur associatifEmployeur associatif : les fondamentaux',
    );
    expect(text(rows[2])).toBe('Prix non adhérent HT260,00 €290,00 €');
    // Unchanged fields are not listed.
    expect(panel).not.toHaveTextContent('Résumé');
  });

  it('tells why the latest changes were refused, the live version unchanged', () => {
    render(
      <RevisionPanel
        live={live}
        pending={null}
        rejected={revision({
          status: 'rejected',
          rejectionReason: 'Le titre doit décrire la formation.',
          reviewedAt: '2027-01-11T10:00:00Z',
        })}
      />,
    );
    const panel = screen.getByRole('region', {
      name: 'Vos dernières modifications n’ont pas été validées'.replace('’', "'"),
    });
    expect(panel).toHaveTextContent('La version publiée reste en ligne, inchangée.');
    expect(panel).toHaveTextContent('Le titre doit décrire la formation.');
    expect(within(panel).getAllByRole('row')).toHaveLength(3);
  });
});
