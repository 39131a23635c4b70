import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, changedFields, Clock, isUniqueViolation, parisYear } from '@mutualis/core';
import { normaliseEmail } from '../../auth/email-address';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { Actor, hasRole, LegalForm } from '../../identity.types';
import { MembershipRepository } from '../../repositories/membership.repository';
import {
  OrganisationFields,
  OrganisationRepository,
} from '../../repositories/organisation.repository';
import {
  OrganisationAccessService,
  organisationNotFound,
} from '../../services/organisation-access.service';
import { departmentOfPostalCode } from '../../validation/department';
import { OrganisationView, presentOrganisation } from '../../views/organisation.view';
import { AddressInput } from '../create-organisation/create-organisation.use-case';
import {
  assertValidOrganisation,
  ChorusStructureInput,
  chorusStructureChanges,
  NO_CHORUS_STRUCTURE,
  normaliseIdentifiers,
  rnaTaken,
  siretTaken,
} from '../create-organisation/organisation-rules';

export interface UpdateOrganisationCommand {
  actor: Actor;
  organisationId: string;
  legalName?: string;
  legalForm?: LegalForm;
  /** Null: the organisation has none (an association with an RNA number). */
  siret?: string | null;
  rna?: string | null;
  address?: Partial<AddressInput>;
  department?: string;
  billingEmail?: string;
  vatNumber?: string | null;
  isPublicBody?: boolean;
  /** Liable to VAT (assujetti): the organisation's admins say so. */
  vatRegistered?: boolean;
  /** A public body's Chorus Pro structure; its admins know it best. */
  chorusStructure?: ChorusStructureInput;
}

/** Fields that identify the organisation legally or change how it may pay: the Chambre's to edit. */
const ADMIN_ONLY: (keyof UpdateOrganisationCommand)[] = ['siret', 'legalForm', 'isPublicBody'];

@Injectable()
export class UpdateOrganisationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: OrganisationAccessService,
    private readonly organisations: OrganisationRepository,
    private readonly memberships: MembershipRepository,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async execute(command: UpdateOrganisationCommand): Promise<OrganisationView> {
    await this.access.assertCanManage(command.actor, command.organisationId);
    if (!hasRole(command.actor, 'admin')) {
      const refused = ADMIN_ONLY.filter((field) => command[field] !== undefined);
      if (refused.length > 0) {
        throw new IdentityException(
          IdentityErrorCode.NotOrganisationAdmin,
          `only the Chambre may change ${refused.join(', ')}; contact its staff`,
          refused.map((field) => ({
            field,
            message: 'can only be changed by a Chambre administrator',
          })),
        );
      }
    }
    try {
      const organisation = await this.dataSource.transaction(async (manager) => {
        const current = await this.organisations.findById(command.organisationId, manager);
        if (!current) throw organisationNotFound();
        const changes = normaliseIdentifiers(this.changesOf(command));
        // No longer a public body: its Chorus structure goes (the database refuses it on others).
        if (changes.isPublicBody === false && current.isPublicBody) {
          Object.assign(changes, NO_CHORUS_STRUCTURE);
        }
        if (command.chorusStructure !== undefined) {
          Object.assign(
            changes,
            chorusStructureChanges(command.chorusStructure, changes.siret ?? current.siret),
          );
        }
        const postalCode = changes.postalCode ?? current.postalCode;
        if (changes.postalCode !== undefined && command.department === undefined) {
          changes.department = departmentOfPostalCode(postalCode) ?? '';
        }
        assertValidOrganisation({ ...current, ...changes });
        const updated = await this.organisations.update(current.id, changes, manager);
        // The Chambre's fields (the public-body flag decides how an organisation may pay), and
        // those that decide where its invoices go: Chorus Pro, a PA or e-reporting.
        const audited = changedFields(current, changes, [
          'isPublicBody',
          'siret',
          'legalForm',
          'vatRegistered',
          'chorusStructureSiret',
          'chorusServiceCodeRequired',
          'chorusEngagementNumberRequired',
          'chorusDefaultServiceCode',
        ]);
        if (audited) {
          await this.audit.record(manager, {
            action: 'organisation.updated',
            entityType: 'organisation',
            entityId: current.id,
            ...audited,
          });
        }
        return updated;
      });
      const membership = await this.memberships.findForYear(
        organisation.id,
        parisYear(this.clock.now()),
      );
      return presentOrganisation(organisation, membership);
    } catch (error) {
      if (isUniqueViolation(error, 'organisations_siret_key')) throw siretTaken();
      if (isUniqueViolation(error, 'organisations_rna_key')) throw rnaTaken();
      throw error;
    }
  }

  private changesOf(command: UpdateOrganisationCommand): Partial<OrganisationFields> {
    const changes: Partial<OrganisationFields> = {};
    if (command.legalName !== undefined) changes.legalName = command.legalName.trim();
    if (command.legalForm !== undefined) changes.legalForm = command.legalForm;
    if (command.siret !== undefined) changes.siret = command.siret;
    if (command.rna !== undefined) changes.rna = command.rna;
    if (command.address?.line1 !== undefined) changes.addressLine1 = command.address.line1.trim();
    if (command.address?.line2 !== undefined)
      changes.addressLine2 = command.address.line2?.trim() || null;
    if (command.address?.postalCode !== undefined)
      changes.postalCode = command.address.postalCode.trim();
    if (command.address?.city !== undefined) changes.city = command.address.city.trim();
    if (command.address?.country !== undefined) changes.country = command.address.country;
    if (command.department !== undefined) changes.department = command.department;
    if (command.billingEmail !== undefined)
      changes.billingEmail = normaliseEmail(command.billingEmail);
    if (command.vatNumber !== undefined) changes.vatNumber = command.vatNumber;
    if (command.isPublicBody !== undefined) changes.isPublicBody = command.isPublicBody;
    if (command.vatRegistered !== undefined) changes.vatRegistered = command.vatRegistered;
    return changes;
  }
}
