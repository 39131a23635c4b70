import { FieldProblem } from '@mutualis/core';
import { Organisation } from '../../entities/organisation.entity';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { departmentOfPostalCode } from '../../validation/department';
import { isValidRna, LOCAL_LAW_DEPARTMENTS } from '../../validation/rna';
import { isValidSiret, normaliseSiret } from '../../validation/siret';
import { vatNumberProblem } from '../../validation/vat-number';

type OrganisationState = Pick<
  Organisation,
  'legalForm' | 'siret' | 'rna' | 'postalCode' | 'department' | 'country' | 'vatNumber'
>;

/** Normalises what people type (spaces in a SIRET, lower-case VAT numbers). */
export function normaliseIdentifiers<T extends Partial<OrganisationState>>(fields: T): T {
  return {
    ...fields,
    ...(fields.siret !== undefined ? { siret: normaliseSiret(fields.siret) } : {}),
    ...(fields.vatNumber ? { vatNumber: fields.vatNumber.replace(/\s/g, '').toUpperCase() } : {}),
    ...(fields.rna ? { rna: fields.rna.trim().toUpperCase() } : {}),
  };
}

/**
 * The rules an organisation's identity obeys as a whole: a valid SIRET, an RNA number for
 * associations (except under Alsace-Moselle local law) and only for them, a département that
 * matches the postal code, and when given the VAT number of its SIREN (printed on its invoices;
 * the database holds the same rule). Every broken rule is reported, each on its field.
 */
export function assertValidOrganisation(state: OrganisationState): void {
  const problems: FieldProblem[] = [];
  if (!isValidSiret(state.siret)) {
    problems.push({ field: 'siret', message: 'must be 14 digits with a valid check digit (Luhn)' });
  }
  if (state.vatNumber !== null && isValidSiret(state.siret)) {
    const problem = vatNumberProblem(state.vatNumber, state.siret);
    if (problem) problems.push({ field: 'vatNumber', message: problem });
  }
  if (state.rna !== null && !isValidRna(state.rna)) {
    problems.push({ field: 'rna', message: 'must be W followed by 9 digits' });
  }
  if (state.rna !== null && state.legalForm !== 'association') {
    problems.push({ field: 'rna', message: 'only associations have an RNA number' });
  }
  if (
    state.rna === null &&
    state.legalForm === 'association' &&
    !LOCAL_LAW_DEPARTMENTS.has(state.department)
  ) {
    problems.push({
      field: 'rna',
      message: 'is required for an association (W followed by 9 digits)',
    });
  }
  if (state.country !== 'FR') {
    problems.push({
      field: 'address.country',
      message: 'must be FR: the Chambre serves organisations in France',
    });
  }
  const expected = departmentOfPostalCode(state.postalCode);
  if (!expected) {
    problems.push({ field: 'address.postalCode', message: 'is not a French postal code' });
  } else if (state.department !== expected) {
    problems.push({
      field: 'department',
      message: `does not match postal code ${state.postalCode} (${expected})`,
    });
  }
  if (problems.length > 0) {
    throw new IdentityException(
      IdentityErrorCode.InvalidOrganisation,
      problems.map((problem) => `${problem.field} ${problem.message}`).join('; '),
      problems,
    );
  }
}

export function siretTaken(): IdentityException {
  return new IdentityException(
    IdentityErrorCode.SiretTaken,
    'an organisation with this SIRET is already registered',
    [{ field: 'siret', message: 'is already registered' }],
  );
}
