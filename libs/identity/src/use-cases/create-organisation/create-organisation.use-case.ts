import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, Clock, isUniqueViolation, parisYear } from '@mutualis/core';
import { normaliseEmail } from '../../auth/email-address';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { Actor, defaultVatRegistered, hasRole, LegalForm } from '../../identity.types';
import { MembershipRepository } from '../../repositories/membership.repository';
import { OrganisationMemberRepository } from '../../repositories/organisation-member.repository';
import { OrganisationRepository } from '../../repositories/organisation.repository';
import { VerifiedAccountService } from '../../services/verified-account.service';
import { departmentOfPostalCode } from '../../validation/department';
import { normaliseSiret } from '../../validation/siret';
import { OrganisationView, presentOrganisation } from '../../views/organisation.view';
import {
  assertValidOrganisation,
  ChorusStructureInput,
  chorusStructureChanges,
  NO_CHORUS_STRUCTURE,
  normaliseIdentifiers,
  rnaTaken,
  siretTaken,
} from './organisation-rules';

export interface AddressInput {
  line1: string;
  line2?: string | null;
  postalCode: string;
  city: string;
  country?: string;
}

export interface CreateOrganisationCommand {
  actor: Actor;
  legalName: string;
  legalForm: LegalForm;
  /** Omitted or null: an association known by its RNA number only. */
  siret?: string | null;
  rna?: string | null;
  address: AddressInput;
  /** Derived from the postal code when not given. */
  department?: string;
  billingEmail: string;
  vatNumber?: string | null;
  isPublicBody?: boolean;
  /** Liable to VAT (assujetti); when not said, the default of its legal form. */
  vatRegistered?: boolean;
  /** A public body's Chorus Pro structure: by default the organisation itself, nothing required. */
  chorusStructure?: ChorusStructureInput;
}

/**
 * Registers an organisation: its creator becomes its org admin, and its membership of the
 * current year starts pending until the Chambre confirms it.
 */
@Injectable()
export class CreateOrganisationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationRepository,
    private readonly members: OrganisationMemberRepository,
    private readonly memberships: MembershipRepository,
    private readonly verified: VerifiedAccountService,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async execute(command: CreateOrganisationCommand): Promise<OrganisationView> {
    if (command.isPublicBody && !hasRole(command.actor, 'admin')) {
      throw new IdentityException(
        IdentityErrorCode.InvalidOrganisation,
        'only the Chambre can mark an organisation as a public body; ask its staff once registered',
        [{ field: 'isPublicBody', message: 'can only be set by a Chambre administrator' }],
      );
    }
    const isPublicBody = command.isPublicBody ?? false;
    const fields = normaliseIdentifiers({
      legalName: command.legalName.trim(),
      legalForm: command.legalForm,
      siret: command.siret ?? null,
      rna: command.rna ?? null,
      addressLine1: command.address.line1.trim(),
      addressLine2: command.address.line2?.trim() || null,
      postalCode: command.address.postalCode.trim(),
      city: command.address.city.trim(),
      country: command.address.country ?? 'FR',
      department:
        command.department ?? departmentOfPostalCode(command.address.postalCode.trim()) ?? '',
      // Matched to a user's account for the language of billing mail: stored in the same form.
      billingEmail: normaliseEmail(command.billingEmail),
      vatNumber: command.vatNumber ?? null,
      isPublicBody,
      vatRegistered: command.vatRegistered ?? defaultVatRegistered(command.legalForm, isPublicBody),
      ...NO_CHORUS_STRUCTURE,
      ...chorusStructureChanges(
        command.chorusStructure ?? {},
        command.siret ? normaliseSiret(command.siret) : null,
      ),
    });
    assertValidOrganisation(fields);
    await this.verified.assertEmailVerified(command.actor.userId);

    try {
      return await this.dataSource.transaction(async (manager) => {
        const organisation = await this.organisations.create(fields, manager);
        await this.members.add(organisation.id, command.actor.userId, 'org_admin', manager);
        const membership = await this.memberships.createPendingIfAbsent(
          organisation.id,
          parisYear(this.clock.now()),
          manager,
        );
        if (organisation.isPublicBody) {
          // Only an admin may create a public body (it may pay by administrative mandate).
          await this.audit.record(manager, {
            action: 'organisation.created',
            entityType: 'organisation',
            entityId: organisation.id,
            before: null,
            after: {
              isPublicBody: true,
              siret: organisation.siret,
              legalForm: organisation.legalForm,
            },
          });
        }
        return presentOrganisation(organisation, membership);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'organisations_siret_key')) throw siretTaken();
      if (isUniqueViolation(error, 'organisations_rna_key')) throw rnaTaken();
      throw error;
    }
  }
}
