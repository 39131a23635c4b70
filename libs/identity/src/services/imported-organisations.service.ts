import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Environment, OutboxService } from '@mutualis/core';
import { hashToken, newOpaqueToken } from '../auth/session-tokens';
import { IdentityEvents } from '../identity.events';
import type { LegalForm } from '../identity.types';

/** An organisation as a Chambre's member spreadsheet gives it, already validated. */
export interface ImportedOrganisation {
  /** Null for an association known by its RNA number only; one of the two is given. */
  siret: string | null;
  rna: string | null;
  legalName: string;
  legalForm: LegalForm;
  addressLine1: string;
  postalCode: string;
  city: string;
  department: string;
  /** The contact's address: the billing address of a created organisation, and who is invited. */
  contactEmail: string;
  /** The years whose cotisation was paid: active memberships, at this fee. */
  yearsPaid: number[];
  feeCents: number;
}

export interface ImportedOrganisationOutcome {
  organisationId: string;
  /** False: it existed (same SIRET or RNA) and was left as it is but for its memberships. */
  created: boolean;
}

/**
 * Brings a Chambre's existing members in, a batch at a time, set-based (a few statements per
 * batch, not per line), in the caller's transaction. Matching is by SIRET, then RNA number: an
 * organisation that exists keeps its identity as its admins keep it (the spreadsheet may be
 * older), and only gains the memberships of its paid years. A created one gets its contact
 * invited as org admin, through the same invitation and event as InviteMemberUseCase; so
 * importing a file again creates, and invites, nothing twice.
 */
@Injectable()
export class ImportedOrganisationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** Which of these SIRETs and RNA numbers are already an organisation's (for a dry run). */
  async existing(
    sirets: string[],
    rnas: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ sirets: Set<string>; rnas: Set<string> }> {
    const rows = await manager.query<{ siret: string | null; rna: string | null }[]>(
      `SELECT siret, rna FROM organisations WHERE siret = ANY($1::text[]) OR rna = ANY($2::text[])`,
      [sirets, rnas],
    );
    return {
      sirets: new Set(rows.flatMap((row) => (row.siret ? [row.siret] : []))),
      rnas: new Set(rows.flatMap((row) => (row.rna ? [row.rna] : []))),
    };
  }

  /**
   * Creates the organisations that do not exist, records the paid years of all as active, and
   * invites the created ones' contacts (by `invitedBy`, the admin who imports). Answers each
   * input's organisation, in order. Lines of one batch must not share a SIRET or RNA number.
   */
  async importBatch(
    organisations: ImportedOrganisation[],
    invitedBy: string,
    manager: EntityManager,
  ): Promise<ImportedOrganisationOutcome[]> {
    if (organisations.length === 0) return [];
    // ON CONFLICT DO NOTHING over both unique keys (SIRET, RNA): a concurrent import, or a
    // line matching an existing organisation by either, inserts nothing and is matched below.
    const inserted = await manager.query<{ id: string }[]>(
      `INSERT INTO organisations (legal_name, legal_form, siret, rna, address_line1, postal_code,
         city, country, department, billing_email, is_public_body)
       SELECT legal_name, legal_form, siret, rna, address_line1, postal_code, city, 'FR',
              department, billing_email, false
         FROM jsonb_to_recordset($1::jsonb) AS input(legal_name text, legal_form text,
              siret text, rna text, address_line1 text, postal_code text, city text,
              department text, billing_email text)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        JSON.stringify(
          organisations.map((organisation) => ({
            legal_name: organisation.legalName,
            legal_form: organisation.legalForm,
            siret: organisation.siret,
            rna: organisation.rna,
            address_line1: organisation.addressLine1,
            postal_code: organisation.postalCode,
            city: organisation.city,
            department: organisation.department,
            billing_email: organisation.contactEmail,
          })),
        ),
      ],
    );
    const created = new Set(inserted.map((row) => row.id));
    const matched = await manager.query<{ id: string; siret: string | null; rna: string | null }[]>(
      `SELECT id, siret, rna FROM organisations WHERE siret = ANY($1::text[]) OR rna = ANY($2::text[])`,
      [
        organisations.flatMap((organisation) => (organisation.siret ? [organisation.siret] : [])),
        organisations.flatMap((organisation) => (organisation.rna ? [organisation.rna] : [])),
      ],
    );
    const bySiret = new Map(matched.flatMap((row) => (row.siret ? [[row.siret, row.id]] : [])));
    const byRna = new Map(matched.flatMap((row) => (row.rna ? [[row.rna, row.id]] : [])));
    const outcomes = organisations.map((organisation) => {
      const id =
        (organisation.siret && bySiret.get(organisation.siret)) ||
        (organisation.rna && byRna.get(organisation.rna));
      if (!id)
        throw new Error(
          `imported organisation ${organisation.siret ?? organisation.rna} not found`,
        );
      return { organisationId: id, created: created.has(id) };
    });

    await this.recordPaidYears(organisations, outcomes, manager);
    await this.inviteContacts(
      organisations.filter((_organisation, index) => outcomes[index].created),
      outcomes.filter((outcome) => outcome.created),
      invitedBy,
      manager,
    );
    return outcomes;
  }

  /**
   * Each paid year active at the imported fee: the member price applies to that year. The same
   * rows MembershipService.record writes, in one statement for the batch.
   */
  private async recordPaidYears(
    organisations: ImportedOrganisation[],
    outcomes: ImportedOrganisationOutcome[],
    manager: EntityManager,
  ): Promise<void> {
    const ids: string[] = [];
    const years: number[] = [];
    const fees: number[] = [];
    organisations.forEach((organisation, index) => {
      for (const year of organisation.yearsPaid) {
        ids.push(outcomes[index].organisationId);
        years.push(year);
        fees.push(organisation.feeCents);
      }
    });
    if (ids.length === 0) return;
    await manager.query(
      `INSERT INTO memberships (organisation_id, year, status, fee_cents)
       SELECT organisation_id, year, 'active', fee_cents
         FROM unnest($1::uuid[], $2::smallint[], $3::bigint[]) AS input(organisation_id, year, fee_cents)
       ON CONFLICT (organisation_id, year) DO UPDATE
         SET status = 'active', fee_cents = EXCLUDED.fee_cents, updated_at = now()
         WHERE memberships.status <> 'active' OR memberships.fee_cents <> EXCLUDED.fee_cents`,
      [ids, years, fees],
    );
  }

  /**
   * One org-admin invitation per created organisation, announced by the InvitationCreated event
   * the notifications context mails (the link is made as it sends, as for any invitation). No
   * quota: the Chambre's admin invites in bulk on purpose; the sending is rate-limited instead.
   */
  private async inviteContacts(
    organisations: ImportedOrganisation[],
    outcomes: ImportedOrganisationOutcome[],
    invitedBy: string,
    manager: EntityManager,
  ): Promise<void> {
    if (organisations.length === 0) return;
    const ttlHours = this.config.get('INVITATION_TTL_HOURS', { infer: true });
    const invitations = await manager.query<{ id: string; organisation_id: string }[]>(
      `INSERT INTO invitations (organisation_id, email, role, token_hash, invited_by, expires_at)
       SELECT organisation_id, email, 'org_admin', token_hash, $4, now() + make_interval(hours => $5)
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS input(organisation_id, email, token_hash)
       RETURNING id, organisation_id`,
      [
        outcomes.map((outcome) => outcome.organisationId),
        organisations.map((organisation) => organisation.contactEmail),
        // The inviter's link is never shown: a hash of a secret nobody keeps.
        organisations.map(() => hashToken(newOpaqueToken())),
        invitedBy,
        ttlHours,
      ],
    );
    await this.outbox.record(
      manager,
      ...invitations.map((invitation) => ({
        type: IdentityEvents.InvitationCreated,
        aggregateType: 'invitation',
        aggregateId: invitation.id,
        payload: { organisationId: invitation.organisation_id, invitedBy },
      })),
    );
  }
}
