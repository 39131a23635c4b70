import { FieldProblem } from '@mutualis/core';
import { Organisation } from '../../entities/organisation.entity';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { procurementReferenceProblem, SERVICE_CODE_MAX_LENGTH } from '../../identity.types';
import { departmentOfPostalCode } from '../../validation/department';
import { isValidRna, LOCAL_LAW_DEPARTMENTS } from '../../validation/rna';
import { isValidSiret, normaliseSiret } from '../../validation/siret';
import { vatNumberProblem } from '../../validation/vat-number';

type OrganisationState = Pick<
  Organisation,
  | 'legalForm'
  | 'siret'
  | 'rna'
  | 'postalCode'
  | 'department'
  | 'country'
  | 'vatNumber'
  | 'isPublicBody'
  | 'chorusStructureSiret'
  | 'chorusServiceCodeRequired'
  | 'chorusEngagementNumberRequired'
  | 'chorusDefaultServiceCode'
>;

/** Normalises what people type (spaces in a SIRET, lower-case VAT numbers). */
export function normaliseIdentifiers<T extends Partial<OrganisationState>>(fields: T): T {
  return {
    ...fields,
    // An empty SIRET is none (an RNA-only association), as the form's empty field sends it.
    ...(fields.siret !== undefined
      ? { siret: fields.siret === null ? null : normaliseSiret(fields.siret) || null }
      : {}),
    ...(fields.vatNumber ? { vatNumber: fields.vatNumber.replace(/\s/g, '').toUpperCase() } : {}),
    ...(fields.rna ? { rna: fields.rna.trim().toUpperCase() } : {}),
    ...(fields.chorusStructureSiret
      ? { chorusStructureSiret: normaliseSiret(fields.chorusStructureSiret) }
      : {}),
  };
}

/**
 * The rules an organisation's identity obeys as a whole: a valid SIRET, or for a small
 * association without one its RNA number (one of the two at least); an RNA number for
 * associations (except under Alsace-Moselle local law) and only for them; a SIRET for a public
 * body (Chorus Pro) and for a VAT number (that of its SIREN, printed on its invoices); a
 * département that matches the postal code. The database holds the same rules. Every broken
 * rule is reported, each on its field.
 */
export function assertValidOrganisation(state: OrganisationState): void {
  const problems: FieldProblem[] = [];
  if (state.siret === null) {
    if (state.rna === null) {
      problems.push({
        field: 'siret',
        message: 'is required unless the organisation is an association with an RNA number',
      });
    }
    if (state.isPublicBody) {
      problems.push({ field: 'siret', message: 'is required for a public body (Chorus Pro)' });
    }
    if (state.vatNumber !== null) {
      problems.push({ field: 'vatNumber', message: 'needs the SIRET it is derived from' });
    }
  } else if (!isValidSiret(state.siret)) {
    problems.push({ field: 'siret', message: 'must be 14 digits with a valid check digit (Luhn)' });
  } else if (state.vatNumber !== null) {
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
  problems.push(...chorusStructureProblems(state));
  if (problems.length > 0) {
    throw new IdentityException(
      IdentityErrorCode.InvalidOrganisation,
      problems.map((problem) => `${problem.field} ${problem.message}`).join('; '),
      problems,
    );
  }
}

/** A public body's Chorus Pro structure as given; what is left out is unchanged. */
export interface ChorusStructureInput {
  /** Null, or the organisation's own SIRET: the structure is the organisation itself. */
  structureSiret?: string | null;
  serviceCodeRequired?: boolean;
  engagementNumberRequired?: boolean;
  defaultServiceCode?: string | null;
}

export type ChorusStructureFields = Pick<
  Organisation,
  | 'chorusStructureSiret'
  | 'chorusServiceCodeRequired'
  | 'chorusEngagementNumberRequired'
  | 'chorusDefaultServiceCode'
>;

/** No structure: what a non-public body has, and a public body before it names one. */
export const NO_CHORUS_STRUCTURE: ChorusStructureFields = {
  chorusStructureSiret: null,
  chorusServiceCodeRequired: false,
  chorusEngagementNumberRequired: false,
  chorusDefaultServiceCode: null,
};

/**
 * The columns of a Chorus structure input. Its SIRET is kept null when it is the organisation's
 * own, so that it follows a corrected SIRET; an empty default service code is none.
 */
export function chorusStructureChanges(
  input: ChorusStructureInput,
  ownSiret: string | null,
): Partial<ChorusStructureFields> {
  const changes: Partial<ChorusStructureFields> = {};
  if (input.structureSiret !== undefined) {
    const siret = input.structureSiret === null ? null : normaliseSiret(input.structureSiret);
    changes.chorusStructureSiret = siret === null || siret === ownSiret ? null : siret;
  }
  if (input.serviceCodeRequired !== undefined)
    changes.chorusServiceCodeRequired = input.serviceCodeRequired;
  if (input.engagementNumberRequired !== undefined)
    changes.chorusEngagementNumberRequired = input.engagementNumberRequired;
  if (input.defaultServiceCode !== undefined)
    changes.chorusDefaultServiceCode = input.defaultServiceCode?.trim() || null;
  return changes;
}

/** Only a public body has a Chorus Pro structure; its SIRET and default service code must be valid. */
function chorusStructureProblems(state: OrganisationState): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const configured =
    state.chorusStructureSiret !== null ||
    state.chorusDefaultServiceCode !== null ||
    state.chorusServiceCodeRequired ||
    state.chorusEngagementNumberRequired;
  if (!state.isPublicBody) {
    if (configured) {
      problems.push({
        field: 'chorusStructure',
        message: 'only a public body has a Chorus Pro structure',
      });
    }
    return problems;
  }
  if (state.chorusStructureSiret !== null && !isValidSiret(state.chorusStructureSiret)) {
    problems.push({
      field: 'chorusStructure.structureSiret',
      message: 'must be 14 digits with a valid check digit (Luhn)',
    });
  }
  if (state.chorusDefaultServiceCode !== null) {
    const problem = procurementReferenceProblem(
      state.chorusDefaultServiceCode,
      SERVICE_CODE_MAX_LENGTH,
    );
    if (problem) problems.push({ field: 'chorusStructure.defaultServiceCode', message: problem });
  }
  return problems;
}

export function rnaTaken(): IdentityException {
  return new IdentityException(
    IdentityErrorCode.RnaTaken,
    'an organisation with this RNA number is already registered',
    [{ field: 'rna', message: 'is already registered' }],
  );
}

export function siretTaken(): IdentityException {
  return new IdentityException(
    IdentityErrorCode.SiretTaken,
    'an organisation with this SIRET is already registered',
    [{ field: 'siret', message: 'is already registered' }],
  );
}
