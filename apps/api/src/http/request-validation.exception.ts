import { ValidationError } from 'class-validator';
import { FieldProblem } from '@mutualis/core';

/** A request whose body, query or path failed validation; answered 400 with every failing field. */
export class RequestValidationException extends Error {
  constructor(readonly fields: FieldProblem[]) {
    super(
      fields.length === 1
        ? `${fields[0].field} ${fields[0].message}`
        : `${fields.length} fields are invalid: ${fields.map((field) => field.field).join(', ')}`,
    );
    this.name = 'RequestValidationException';
  }

  static fromValidationErrors(errors: ValidationError[]): RequestValidationException {
    return new RequestValidationException(flatten(errors, ''));
  }
}

function flatten(errors: ValidationError[], parent: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: describe(constraint, message, error.property),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator says "property x should not exist"; people read "is not an accepted field". */
function describe(constraint: string, message: string, property: string): string {
  if (constraint === 'whitelistValidation') return 'is not an accepted field';
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
