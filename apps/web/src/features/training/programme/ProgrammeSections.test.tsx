import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ProgrammeSections } from './ProgrammeSections';

describe('ProgrammeSections', () => {
  it('states a training’s content under its headings, with its referent and the programme PDF', () => {
    render(
      <ProgrammeSections
        offeringId="offering-1"
        pedagogy={{
          objectives: ['Tenir la comptabilité courante'],
          audience: 'Trésoriers',
          prerequisites: 'Aucun',
          modules: [{ title: 'Le plan comptable', content: 'Comptes et journaux.' }],
          teachingMethods: 'Apports',
          evaluationMethods: 'Quiz',
          accessibility: 'Locaux accessibles',
          accessibilityReferent: { name: 'Sophie Garnier', email: 'handicap@x.fr', phone: null },
          accessDelay: 'La veille',
          whatToBring: 'Une calculatrice',
        }}
      />,
    );
    const section = screen.getByRole('region', { name: 'Programme de la formation' });
    expect(
      within(section)
        .getAllByRole('heading', { level: 3 })
        .map((heading) => heading.textContent),
    ).toEqual([
      'Objectifs pédagogiques',
      'Public visé',
      'Prérequis',
      'Programme par module',
      'Méthodes pédagogiques',
      'Modalités d’évaluation',
      'Accessibilité aux personnes en situation de handicap',
      'Délai d’accès',
      'À prévoir',
    ]);
    expect(section).toHaveTextContent('Référent handicap : Sophie Garnier · handicap@x.fr');
    expect(
      within(section).getByRole('link', { name: 'Télécharger le programme (PDF)' }),
    ).toHaveAttribute('href', '/api/offerings/offering-1/programme.pdf');
  });

  it('says when a training has no content yet, still offering its programme', () => {
    render(<ProgrammeSections offeringId="offering-2" pedagogy={null} />);
    expect(screen.getByText('Contenu pédagogique non renseigné.')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Télécharger le programme (PDF)' }),
    ).toBeInTheDocument();
  });
});
