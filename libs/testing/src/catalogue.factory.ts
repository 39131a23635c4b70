import { DataSource } from 'typeorm';
import type { TrainingPedagogy, VatTreatment } from '@mutualis/catalogue';
import { validSiret } from './siret.factory';

export interface SessionFixture {
  consultantId: string;
  offeringId: string;
  sessionId: string;
}

export interface SessionOptions {
  capacity?: number;
  /** Start, from now; registration closes a minute before unless given. */
  startsInMs?: number;
  /** How long the session lasts: seven hours unless given (several days for a long training). */
  lastsMs?: number;
  registrationDeadlineInMs?: number;
  memberPriceCents?: number;
  nonMemberPriceCents?: number;
  /** A training's pedagogical content: complete unless given (null for none). */
  pedagogy?: TrainingPedagogy | null;
  /** Written as is: a test of the regime rules sets the attestation it needs (attestTrainingExemption). */
  vatTreatment?: VatTreatment;
  maxSeatsPerOrganisation?: number | null;
  consultantId?: string;
}

const DAY_MS = 86_400_000;

/** A training's complete R6353-1 content, as a consultant would write it. */
export function completeTrainingPedagogy(overrides: TrainingPedagogy = {}): TrainingPedagogy {
  return {
    objectives: [
      'Identifier les obligations de l’employeur associatif',
      'Rédiger un contrat de travail conforme',
    ],
    prerequisites: 'Aucun prérequis',
    audience: 'Dirigeants bénévoles et salariés d’associations employeuses',
    modules: [
      { title: 'Le cadre juridique', content: 'Code du travail, conventions collectives.' },
      { title: 'Le contrat de travail', content: 'Clauses essentielles, cas pratiques.' },
    ],
    teachingMethods: 'Apports théoriques, études de cas, échanges entre pairs',
    evaluationMethods: 'Quiz en début et en fin de formation, cas pratique corrigé',
    accessibility: 'Locaux accessibles ; adaptations possibles sur demande',
    accessibilityReferent: {
      name: 'Claire Martin',
      email: 'handicap@chambre-test.fr',
      phone: '04 91 00 00 00',
    },
    accessDelay: 'Inscription possible jusqu’à la veille de la session',
    whatToBring: 'De quoi prendre des notes',
    ...overrides,
  };
}

/** A consultant user, written straight to the database (tests that do not exercise registration). */
export async function insertConsultant(db: DataSource): Promise<string> {
  const [{ id }] = await db.query<{ id: string }[]>(
    `INSERT INTO users (email, name, password_hash, platform_roles)
     VALUES ('consultant-' || gen_random_uuid() || '@test.mutualis.fr', 'Consultant de test', 'x', '{consultant}')
     RETURNING id`,
  );
  return id;
}

/** A published training offering with one scheduled session. */
export async function insertPublishedSession(
  db: DataSource,
  options: SessionOptions = {},
): Promise<SessionFixture> {
  const consultantId = options.consultantId ?? (await insertConsultant(db));
  const [{ id: offeringId }] = await db.query<{ id: string }[]>(
    `INSERT INTO offerings (consultant_id, category_id, title, summary, description, kind, delivery_mode, departments,
                            duration_minutes, member_price_cents, non_member_price_cents, vat_treatment,
                            cancellation_policy, max_seats_per_organisation, pedagogy, status, published_at)
     SELECT $1, id, 'Formation de test', 'Résumé', 'Description', 'training', 'on_site', '{13}', 420, $2, $3, $4,
            '{"tiers":[{"daysBefore":14,"refundPercent":100},{"daysBefore":7,"refundPercent":50}]}', $5, $6,
            'published', now()
       FROM categories WHERE slug = 'formation'
     RETURNING id`,
    [
      consultantId,
      options.memberPriceCents ?? 18_000,
      options.nonMemberPriceCents ?? 26_000,
      options.vatTreatment ?? 'standard',
      options.maxSeatsPerOrganisation ?? null,
      options.pedagogy === null
        ? null
        : JSON.stringify(options.pedagogy ?? completeTrainingPedagogy()),
    ],
  );
  const startsIn = options.startsInMs ?? 30 * DAY_MS;
  const deadlineIn = options.registrationDeadlineInMs ?? startsIn - 60_000;
  const [{ id: sessionId }] = await db.query<{ id: string }[]>(
    `INSERT INTO sessions (offering_id, starts_at, ends_at, registration_deadline, capacity, location)
     VALUES ($1, now() + $2 * interval '1 millisecond', now() + ($2 + $5) * interval '1 millisecond',
             now() + $3 * interval '1 millisecond', $4, 'Cité des associations, Marseille')
     RETURNING id`,
    [offeringId, startsIn, deadlineIn, options.capacity ?? 10, options.lastsMs ?? 25_200_000],
  );
  return { consultantId, offeringId, sessionId };
}

export interface SlotFixture {
  consultantId: string;
  offeringId: string;
  slotId: string;
}

/** A published consultation offering with one open one-hour slot, `startsInMs` from now. */
export async function insertPublishedSlot(
  db: DataSource,
  options: Pick<
    SessionOptions,
    'memberPriceCents' | 'nonMemberPriceCents' | 'vatTreatment' | 'startsInMs'
  > = {},
): Promise<SlotFixture> {
  const consultantId = await insertConsultant(db);
  const [{ id: offeringId }] = await db.query<{ id: string }[]>(
    `INSERT INTO offerings (consultant_id, category_id, title, summary, description, kind, delivery_mode, departments,
                            duration_minutes, member_price_cents, non_member_price_cents, vat_treatment,
                            cancellation_policy, status, published_at)
     SELECT $1, id, 'Consultation de test', 'Résumé', 'Description', 'consultation', 'remote', '{13}', 60, $2, $3, $4,
            '{"tiers":[{"daysBefore":2,"refundPercent":100}]}', 'published', now()
       FROM categories WHERE slug = 'juridique'
     RETURNING id`,
    [
      consultantId,
      options.memberPriceCents ?? 6_000,
      options.nonMemberPriceCents ?? 9_000,
      options.vatTreatment ?? 'standard',
    ],
  );
  const startsIn = options.startsInMs ?? 10 * DAY_MS;
  const [{ id: slotId }] = await db.query<{ id: string }[]>(
    `INSERT INTO consultation_slots (offering_id, consultant_id, starts_at, ends_at)
     VALUES ($1, $2, now() + $3 * interval '1 millisecond', now() + ($3 + 3600000) * interval '1 millisecond')
     RETURNING id`,
    [offeringId, consultantId, startsIn],
  );
  return { consultantId, offeringId, slotId };
}

/**
 * Organisations the user belongs to (as org admin), written straight to the database, with
 * the given membership status for the current and next calendar years.
 */
export async function insertOrganisations(
  db: DataSource,
  userId: string,
  count: number,
  membership: 'active' | 'pending' | 'lapsed' | null = 'active',
): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) ids.push(validSiret());
  const rows = await db.query<{ id: string }[]>(
    `INSERT INTO organisations (legal_name, legal_form, siret, address_line1, postal_code, city, department, billing_email)
     SELECT 'SCOP de test ' || siret, 'scop', siret, '1 rue de la Paix', '13001', 'Marseille', '13', 'compta@test.mutualis.fr'
       FROM unnest($1::text[]) AS siret
     RETURNING id`,
    [ids],
  );
  const organisationIds = rows.map((row) => row.id);
  await db.query(
    `INSERT INTO organisation_members (organisation_id, user_id, role) SELECT unnest($1::uuid[]), $2, 'org_admin'`,
    [organisationIds, userId],
  );
  if (membership) {
    await db.query(
      `INSERT INTO memberships (organisation_id, year, status, fee_cents)
       SELECT organisation, year, $2, 10000
         FROM unnest($1::uuid[]) AS organisation,
              (VALUES (extract(year FROM now() AT TIME ZONE 'Europe/Paris')::int),
                      (extract(year FROM now() AT TIME ZONE 'Europe/Paris')::int + 1)) AS years(year)`,
      [organisationIds, membership],
    );
  }
  return organisationIds;
}

export { DAY_MS };

/**
 * Marks the Chambre's legal identity reviewed, with test values (a SIRET and SIREN that pass
 * Luhn, the VAT number of that SIREN), so invoices can be issued.
 */
export async function configureChambre(
  db: DataSource,
  options: { vatRegime?: 'standard' | 'franchise'; vatOnDebits?: boolean } = {},
): Promise<void> {
  await db.query(
    `UPDATE chambres SET legal_name = 'CRESS de test', address_line1 = '2 place Sadi-Carnot', postal_code = '13002',
            city = 'Marseille', siret = '78111222200018', vat_number = 'FR08781112222', training_declaration_number = '93131234513',
            email = 'factures@test.mutualis.fr', configured = true, vat_regime = $1, vat_on_debits = $2
      WHERE slug = 'default'`,
    [options.vatRegime ?? 'standard', options.vatOnDebits ?? false],
  );
}

/**
 * Records the date of the Chambre's DREETS attestation of its training exemption (form 3511-SD),
 * without which no offering may be set under it; a year ago unless given.
 */
export async function attestTrainingExemption(db: DataSource, on?: string): Promise<void> {
  await db.query(
    `UPDATE offering_vat_settings
        SET training_exemption_attested_on = COALESCE($1::date, (now() AT TIME ZONE 'Europe/Paris')::date - 365)`,
    [on ?? null],
  );
}
