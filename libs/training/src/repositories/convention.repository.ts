import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CancellationPolicy } from '@mutualis/catalogue';
import type { ConventionKind, ConventionTerms } from '../domain/convention-terms';

/** What a booking of a training says, as its convention needs it, read in one query. */
export interface ConventionSource {
  bookingId: string;
  status: string;
  /** How it was confirmed: `card` or `sepa_debit` means it is already paid. */
  confirmationMethod: string | null;
  organisationId: string;
  offeringId: string;
  offeringKind: string;
  sessionId: string | null;
  seats: number;
  unitPriceCents: number;
  vatTreatment: string;
  vatRateBasisPoints: number;
  totalExclVatCents: number;
  totalVatCents: number;
  totalInclVatCents: number;
  cancellationPolicy: CancellationPolicy;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  remoteUrl: string | null;
  sessionStatus: string | null;
  bookedByEmail: string;
  legalForm: string;
  /** The offering row as JSON: the pedagogical fields are read from it when present. */
  offering: Record<string, unknown>;
  trainees: { name: string; email: string | null }[];
}

export interface StoredConvention {
  bookingId: string;
  organisationId: string;
  kind: ConventionKind;
  terms: ConventionTerms;
  issuedAt: Date;
}

interface SourceRow {
  booking_id: string;
  status: string;
  confirmation_method: string | null;
  organisation_id: string;
  offering_id: string;
  offering_kind: string;
  session_id: string | null;
  seats: number;
  unit_price_cents: string;
  vat_treatment: string;
  vat_rate_basis_points: number;
  total_excl_vat_cents: string;
  total_vat_cents: string;
  total_incl_vat_cents: string;
  cancellation_policy: CancellationPolicy;
  starts_at: Date;
  ends_at: Date | null;
  location: string | null;
  remote_url: string | null;
  session_status: string | null;
  booked_by_email: string;
  legal_form: string;
  offering: Record<string, unknown>;
  trainees: { name: string; email: string | null }[] | null;
}

@Injectable()
export class ConventionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The booking with its session, offering, booker and trainees; null when there is none. */
  async source(
    bookingId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ConventionSource | null> {
    const [row] = await manager.query<SourceRow[]>(
      `SELECT b.id AS booking_id, b.status, b.confirmation_method, b.organisation_id, b.offering_id, o.kind AS offering_kind,
              b.session_id, b.seats, b.unit_price_cents, b.vat_treatment, b.vat_rate_basis_points,
              b.total_excl_vat_cents, b.total_vat_cents, b.total_incl_vat_cents, b.cancellation_policy,
              COALESCE(s.starts_at, b.service_starts_at) AS starts_at, s.ends_at, s.location, s.remote_url,
              s.status AS session_status, u.email AS booked_by_email, org.legal_form,
              to_jsonb(o) AS offering,
              (SELECT jsonb_agg(jsonb_build_object('name', a.name, 'email', NULLIF(a.email, ''))
                                ORDER BY a.position)
                 FROM booking_attendees a WHERE a.booking_id = b.id) AS trainees
         FROM bookings b
         JOIN offerings o ON o.id = b.offering_id
         JOIN organisations org ON org.id = b.organisation_id
         JOIN users u ON u.id = b.booked_by
         LEFT JOIN sessions s ON s.id = b.session_id
        WHERE b.id = $1`,
      [bookingId],
    );
    if (!row) return null;
    return {
      bookingId: row.booking_id,
      status: row.status,
      confirmationMethod: row.confirmation_method,
      organisationId: row.organisation_id,
      offeringId: row.offering_id,
      offeringKind: row.offering_kind,
      sessionId: row.session_id,
      seats: row.seats,
      unitPriceCents: Number(row.unit_price_cents),
      vatTreatment: row.vat_treatment,
      vatRateBasisPoints: row.vat_rate_basis_points,
      totalExclVatCents: Number(row.total_excl_vat_cents),
      totalVatCents: Number(row.total_vat_cents),
      totalInclVatCents: Number(row.total_incl_vat_cents),
      cancellationPolicy: row.cancellation_policy,
      startsAt: row.starts_at,
      endsAt: row.ends_at ?? row.starts_at,
      location: row.location,
      remoteUrl: row.remote_url,
      sessionStatus: row.session_status,
      bookedByEmail: row.booked_by_email,
      legalForm: row.legal_form,
      offering: row.offering,
      trainees: row.trainees ?? [],
    };
  }

  /** Records the terms once; false when the booking already has them (a replayed event). */
  async insert(convention: Omit<StoredConvention, 'issuedAt'>, manager: EntityManager) {
    const inserted = await manager.query<{ booking_id: string }[]>(
      `INSERT INTO training_conventions (booking_id, organisation_id, kind, terms)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (booking_id) DO NOTHING
       RETURNING booking_id`,
      [convention.bookingId, convention.organisationId, convention.kind, convention.terms],
    );
    return inserted.length === 1;
  }

  async find(
    bookingId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StoredConvention | null> {
    const [row] = await manager.query<
      {
        booking_id: string;
        organisation_id: string;
        kind: ConventionKind;
        terms: ConventionTerms;
        issued_at: Date;
      }[]
    >(
      `SELECT booking_id, organisation_id, kind, terms, issued_at
         FROM training_conventions WHERE booking_id = $1`,
      [bookingId],
    );
    if (!row) return null;
    return {
      bookingId: row.booking_id,
      organisationId: row.organisation_id,
      kind: row.kind,
      terms: row.terms,
      issuedAt: row.issued_at,
    };
  }

  /** Serialises the signatures of one convention (each version is made from the last). */
  async lock(bookingId: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('training.convention:' || $1))`, [
      bookingId,
    ]);
  }

  /**
   * Plans a reminder at `dueAt`, on the reminder event `plannedOnEvent` (null at issue); false
   * when that event (or that time) already planned one.
   */
  async planReminder(
    bookingId: string,
    dueAt: Date,
    plannedOnEvent: string | null,
    manager: EntityManager,
  ): Promise<boolean> {
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO training_convention_reminders (booking_id, due_at, planned_on_event) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING booking_id`,
      [bookingId, dueAt, plannedOnEvent],
    );
    return inserted.length === 1;
  }

  /** The users who sign for an organisation: its administrators. */
  async organisationAdminIds(
    organisationId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    const rows = await manager.query<{ user_id: string }[]>(
      `SELECT user_id FROM organisation_members
        WHERE organisation_id = $1 AND role = 'org_admin' ORDER BY user_id`,
      [organisationId],
    );
    return rows.map((row) => row.user_id);
  }
}
