import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FieldProblem } from '@mutualis/core';
import {
  ChorusStructureView,
  ENGAGEMENT_NUMBER_MAX_LENGTH,
  OrganisationDirectoryService,
  procurementReferenceProblem,
  SERVICE_CODE_MAX_LENGTH,
} from '@mutualis/identity';
import { BookingErrorCode, BookingException } from '../booking.exception';

/** The Chorus Pro references a public body's booking carries to its invoice. */
export interface ProcurementReferences {
  /** Numéro d'engagement juridique (BT-13). */
  engagementNumber: string | null;
  /** Code service exécutant (BT-10). */
  serviceCode: string | null;
}

export interface ProcurementReferencesInput {
  engagementNumber?: string | null;
  serviceCode?: string | null;
}

/**
 * What a public body's Chorus Pro structure requires of its bookings: an invoice without the
 * engagement number or service code it requires is rejected by Chorus Pro, so a booking without
 * them is neither made nor confirmed by a person (422, nothing changed).
 */
@Injectable()
export class ProcurementReferencesService {
  constructor(private readonly directory: OrganisationDirectoryService) {}

  /**
   * The references a new booking keeps: as given (trimmed), the structure's default service
   * code when none is given. Refused when malformed, given by an organisation that is not a
   * public body, or missing while its structure requires them.
   */
  async forNewBooking(
    organisationId: string,
    input: ProcurementReferencesInput,
    manager: EntityManager,
  ): Promise<ProcurementReferences> {
    const given = {
      engagementNumber: input.engagementNumber?.trim() || null,
      serviceCode: input.serviceCode?.trim() || null,
    };
    assertWellFormed(given);
    const structure = await this.directory.chorusStructure(organisationId, manager);
    if (!structure) {
      const fields = (['engagementNumber', 'serviceCode'] as const)
        .filter((field) => given[field] !== null)
        .map((field) => ({ field, message: 'only for a public body’s booking' }));
      if (fields.length > 0) {
        throw new BookingException(
          BookingErrorCode.ProcurementReferencesNotApplicable,
          'an engagement number or service code is for the bookings of public bodies (Chorus Pro)',
          fields,
        );
      }
      return given;
    }
    const references = {
      engagementNumber: given.engagementNumber,
      serviceCode: given.serviceCode ?? structure.defaultServiceCode,
    };
    assertRequiredPresent(structure, references);
    return references;
  }

  /** Refuses to confirm a booking that lacks a reference its buyer's structure now requires. */
  async assertComplete(
    booking: { organisationId: string } & ProcurementReferences,
    manager?: EntityManager,
  ): Promise<void> {
    const structure = await this.directory.chorusStructure(booking.organisationId, manager);
    if (structure) assertRequiredPresent(structure, booking);
  }
}

function assertWellFormed(references: ProcurementReferences): void {
  const problems: FieldProblem[] = [];
  const limits = {
    engagementNumber: ENGAGEMENT_NUMBER_MAX_LENGTH,
    serviceCode: SERVICE_CODE_MAX_LENGTH,
  } as const;
  for (const field of ['engagementNumber', 'serviceCode'] as const) {
    const value = references[field];
    const problem = value === null ? null : procurementReferenceProblem(value, limits[field]);
    if (problem) problems.push({ field, message: problem });
  }
  if (problems.length > 0) {
    throw new BookingException(
      BookingErrorCode.InvalidBooking,
      problems.map((problem) => `${problem.field} ${problem.message}`).join('; '),
      problems,
    );
  }
}

function assertRequiredPresent(
  structure: ChorusStructureView,
  references: ProcurementReferences,
): void {
  const engagementMissing = structure.engagementNumberRequired && !references.engagementNumber;
  const serviceMissing = structure.serviceCodeRequired && !references.serviceCode;
  if (!engagementMissing && !serviceMissing) return;
  const fields: FieldProblem[] = [
    ...(engagementMissing
      ? [{ field: 'engagementNumber', message: 'is required by the Chorus Pro structure' }]
      : []),
    ...(serviceMissing
      ? [{ field: 'serviceCode', message: 'is required by the Chorus Pro structure' }]
      : []),
  ];
  const missing = [
    engagementMissing ? 'an engagement number (numéro d’engagement juridique)' : null,
    serviceMissing ? 'a service code (code service)' : null,
  ].filter(Boolean);
  throw new BookingException(
    engagementMissing
      ? BookingErrorCode.EngagementNumberRequired
      : BookingErrorCode.ServiceCodeRequired,
    `the buyer’s Chorus Pro structure (${structure.structureSiret}) requires ${missing.join(' and ')} on its invoices`,
    fields,
  );
}
