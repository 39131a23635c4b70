import { pedagogyProblems } from '@mutualis/catalogue';
import { DEMO_OFFERINGS } from './demo-catalogue';
import { demoPedagogy } from './demo-pedagogy';

describe('the demo trainings’ pedagogical content', () => {
  it('is complete for every demo training, so each can be submitted and published', () => {
    const trainings = DEMO_OFFERINGS.filter((demo) => demo.kind === 'training');
    expect(trainings.length).toBeGreaterThan(10);
    for (const demo of trainings) {
      expect({
        title: demo.title,
        problems: pedagogyProblems('training', demoPedagogy(demo)),
      }).toEqual({ title: demo.title, problems: [] });
    }
  });

  it('states the first training’s objectives, public, prerequisites and programme from its description', () => {
    const pedagogy = demoPedagogy(DEMO_OFFERINGS[0])!;
    expect(pedagogy.objectives).toEqual([
      "Identifier les obligations légales et conventionnelles de l'employeur associatif et sécuriser les premières étapes de la fonction employeur",
    ]);
    expect(pedagogy.audience).toMatch(/^Dirigeants bénévoles/);
    expect(pedagogy.prerequisites).toBe('Aucun.');
    expect(pedagogy.modules).toHaveLength(6);
    expect(pedagogy.modules![0]).toEqual({
      title: 'Séquence 1',
      content:
        'La fonction employeur dans une association : qui décide, qui signe, qui est responsable ?',
    });
  });

  it('has none for a consultation', () => {
    const consultation = DEMO_OFFERINGS.find((demo) => demo.kind === 'consultation')!;
    expect(demoPedagogy(consultation)).toBeNull();
  });
});
