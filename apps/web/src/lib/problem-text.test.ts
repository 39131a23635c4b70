import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import type { Problem } from '../api/problem';
import { fieldMessage, problemMessage } from './problem-text';

const t = i18n.getFixedT('fr');

function problem(overrides: Partial<Problem>): Problem {
  return {
    type: 'about:blank',
    title: 'x',
    status: 422,
    detail: 'x',
    code: 'unprocessable',
    ...overrides,
  };
}

describe('problem messages in French', () => {
  it('names a known domain problem by its code', () => {
    expect(problemMessage(problem({ status: 401, code: 'invalid_credentials' }), t)).toBe(
      'Adresse e-mail ou mot de passe incorrect.',
    );
  });

  it('falls back on the status for a code it does not know, and on a server error for an unknown status', () => {
    expect(problemMessage(problem({ status: 409, code: 'something_new' }), t)).toBe(
      "Cette action n'est plus possible dans l'état actuel.",
    );
    expect(problemMessage(problem({ status: 418, code: 'teapot' }), t)).toBe(
      'Une erreur est survenue de notre côté. Réessayez dans un instant.',
    );
  });

  it('points at the fields when the api lists field errors', () => {
    const invalid = problem({
      status: 400,
      code: 'validation_failed',
      errors: [{ field: 'email', message: 'must be an email' }],
    });
    expect(problemMessage(invalid, t)).toBe('Vérifiez les champs signalés.');
  });

  it('names a known problem even when the api also points at a field', () => {
    const taken = problem({
      status: 409,
      code: 'email_taken',
      errors: [{ field: 'email', message: 'is already registered' }],
    });
    expect(problemMessage(taken, t)).toBe('Un compte existe déjà avec cette adresse e-mail.');
  });

  it("translates class-validator's wording by the rule it names", () => {
    expect(fieldMessage('must be an email', t)).toBe('Saisissez une adresse e-mail valide.');
    expect(fieldMessage('should not be empty', t)).toBe('Ce champ est obligatoire.');
    expect(fieldMessage('must be longer than or equal to 12 characters', t)).toBe(
      "C'est trop court.",
    );
    expect(fieldMessage('is not an accepted field', t)).toBe("Cette valeur n'est pas acceptée.");
    expect(fieldMessage('something nobody foresaw', t)).toBe("Cette valeur n'est pas valide.");
  });
});
