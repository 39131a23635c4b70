import { describe, expect, it } from 'vitest';
import { emptyPedagogyForm, formToPedagogy, pedagogyToForm } from './pedagogy-form';

describe('the pedagogical content form', () => {
  it('sends one objective per line and leaves blank fields and empty modules out', () => {
    const values = {
      ...emptyPedagogyForm(),
      objectives: ' Identifier ses obligations \n\nRédiger un contrat ',
      audience: 'Dirigeants bénévoles',
      modules: [
        { title: 'Le cadre', content: 'Code du travail' },
        { title: ' ', content: '' },
      ],
    };
    expect(formToPedagogy(values)).toEqual({
      objectives: ['Identifier ses obligations', 'Rédiger un contrat'],
      audience: 'Dirigeants bénévoles',
      modules: [{ title: 'Le cadre', content: 'Code du travail' }],
    });
  });

  it('sends the accessibility referent once named, with a phone only when given', () => {
    const values = { ...emptyPedagogyForm(), referentName: 'Claire', referentEmail: 'c@x.fr' };
    expect(formToPedagogy(values).accessibilityReferent).toEqual({
      name: 'Claire',
      email: 'c@x.fr',
      phone: null,
    });
  });

  it('reads back what the api holds, keeping one empty module to fill', () => {
    const form = pedagogyToForm({
      objectives: ['A', 'B'],
      accessibilityReferent: { name: 'Claire', email: 'c@x.fr', phone: '04' },
    });
    expect(form.objectives).toBe('A\nB');
    expect(form.referentPhone).toBe('04');
    expect(form.modules).toEqual([{ title: '', content: '' }]);
    expect(pedagogyToForm(null)).toEqual(emptyPedagogyForm());
  });
});
