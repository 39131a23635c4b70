import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../i18n';
import { ApiProblem, type Problem } from '../api/problem';
import { ProblemAlert } from './ProblemAlert';

function problem(overrides: Partial<Problem>): ApiProblem {
  return new ApiProblem({
    type: 'about:blank',
    title: 'Unprocessable Entity',
    status: 422,
    detail: 'attendance can be marked once the session has begun',
    code: 'attendance_too_early',
    ...overrides,
  });
}

describe('ProblemAlert', () => {
  it("says in this area's words what the common messages do not name", () => {
    render(<ProblemAlert ns="consultant" error={problem({})} />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      "La session n'a pas encore commencé : les présences se notent à partir de son début.",
    );
  });

  it('leaves other problems to the shared alert', () => {
    render(
      <ProblemAlert
        ns="consultant"
        error={problem({ status: 409, code: 'offering_not_editable' })}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Cette offre ne peut plus être modifiée.');
  });

  it('renders nothing without an error', () => {
    const { container } = render(<ProblemAlert error={null} />);
    expect(container).toBeEmptyDOMElement();
  });
});
