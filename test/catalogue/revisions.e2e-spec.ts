import { randomUUID } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { attestTrainingExemption, insertOrganisations } from '@mutualis/testing';
import { TestUser, userWithRoles } from '../support/api-client';
import { expectProblem, expectStatus, fieldsOf } from '../support/expectations';
import { createTestApp, sql } from '../support/test-app';
import {
  bearer,
  catalogue,
  consultationBody,
  DAY_MS,
  Json,
  offeringBody,
  uniqueWord,
} from './catalogue-fixtures';

// A published offering's public wording and prices change only once the Chambre approves the
// change: the published version stays live meanwhile. Its VAT regime is the Chambre's alone, and
// a change of it on a published offering is moderated too.
describe('catalogue: changes to a published offering go back to moderation', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let consultant: TestUser;
  let otherConsultant: TestUser;
  let admin: TestUser;
  let finance: TestUser;
  let member: TestUser;
  let organisationId: string;
  let c: ReturnType<typeof catalogue>;
  const token = uniqueWord();

  const api = () => c.api();
  const getOffering = (id: string, user?: TestUser) => {
    const call = api().get(`/api/offerings/${id}`);
    return user ? call.auth(user.accessToken, bearer) : call;
  };
  const patch = (user: TestUser, id: string, body: Json) =>
    api().patch(`/api/offerings/${id}`).auth(user.accessToken, bearer).send(body);
  const action = (user: TestUser, id: string, name: string, body?: Json) =>
    api().post(`/api/offerings/${id}/${name}`).auth(user.accessToken, bearer).send(body);
  const putVat = (user: TestUser, id: string, body: Json) =>
    api().put(`/api/offerings/${id}/vat-treatment`).auth(user.accessToken, bearer).send(body);
  const searchTitles = async (q: string): Promise<string[]> => {
    const response = await api().get('/api/offerings').query({ q, limit: 100 });
    expectStatus(response, 200);
    return (response.body.items as Json[]).map((item) => item.title as string);
  };
  const revisionQueue = async (user = admin) => {
    const response = await api()
      .get('/api/moderation/offering-revisions')
      .query({ limit: 100 })
      .auth(user.accessToken, bearer);
    return response;
  };
  const revisionsOf = (offeringId: string) =>
    db.query<Json[]>(
      `SELECT status, title, member_price_cents::int AS member, non_member_price_cents::int AS non_member,
              reviewed_by, rejection_reason
         FROM offering_revisions WHERE offering_id = $1 ORDER BY created_at`,
      [offeringId],
    );
  const liveRow = async (id: string) =>
    (
      await db.query<Json[]>(
        `SELECT title, summary, description, member_price_cents::int AS member,
                non_member_price_cents::int AS non_member, vat_treatment, duration_minutes, departments
           FROM offerings WHERE id = $1`,
        [id],
      )
    )[0];
  const published = (words: string, overrides: Json = {}) =>
    c.publishedOffering(
      consultant,
      admin,
      offeringBody({ title: `${words} ${token} ${uniqueWord('tt')}`, ...overrides }),
    );
  /** A session 20 days ahead, through the api. */
  const scheduled = async (offeringId: string): Promise<string> => {
    const startsAt = new Date(Date.now() + 20 * DAY_MS).toISOString();
    const session = await c.schedule(consultant, offeringId, {
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
      capacity: 10,
      location: 'Marseille',
    });
    return session.id as string;
  };
  const book = async (sessionId: string): Promise<Json> => {
    const response = await api()
      .post('/api/bookings')
      .auth(member.accessToken, bearer)
      .send({
        organisationId,
        sessionId,
        attendees: [{ name: 'Camille', email: `${uniqueWord('p')}@test.mutualis.fr` }],
      });
    expectStatus(response, 201);
    return response.body as Json;
  };

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen(0);
    db = app.get(DataSource);
    c = catalogue(app);
    [consultant, otherConsultant, admin, finance, member] = await Promise.all([
      userWithRoles(app, 'revision-consultant', ['consultant']),
      userWithRoles(app, 'revision-other-consultant', ['consultant']),
      userWithRoles(app, 'revision-admin', ['admin']),
      userWithRoles(app, 'revision-finance', ['finance']),
      userWithRoles(app, 'revision-member', []),
    ]);
    // A non-member organisation: it pays the non-member price.
    [organisationId] = await insertOrganisations(db, member.id, 1, null);
  });

  afterAll(async () => {
    await app.close();
  });

  it('keeps the published title, description and prices live while a consultant’s change awaits review', async () => {
    const offering = await published('Gouvernance');
    const sessionId = await scheduled(offering.id);
    const newTitle = `Gouvernance révisée ${token} ${uniqueWord('nn')}`;
    const edited = await patch(consultant, offering.id, {
      title: newTitle,
      description: 'Voir [ce site](https://exemple.invalid).',
      memberPriceCents: 1000,
      nonMemberPriceCents: 2000,
    });
    expectStatus(edited, 200);
    expect(edited.body).toMatchObject({
      id: offering.id,
      status: 'published',
      title: offering.title,
      description: offering.description,
      memberPriceCents: 18000,
      nonMemberPriceCents: 26000,
      pendingRevision: {
        status: 'pending',
        title: newTitle,
        summary: offering.summary,
        description: 'Voir [ce site](https://exemple.invalid).',
        memberPriceCents: 1000,
        nonMemberPriceCents: 2000,
        changedFields: ['title', 'description', 'memberPriceCents', 'nonMemberPriceCents'],
        proposedBy: consultant.id,
      },
      rejectedRevision: null,
    });
    expect(await liveRow(offering.id)).toMatchObject({
      title: offering.title,
      description: offering.description,
      member: 18000,
      non_member: 26000,
    });

    // Everyone else still reads, finds and pays the published version.
    const page = await getOffering(offering.id).expect(200);
    expect(page.body).toMatchObject({
      title: offering.title,
      price: { unitPriceCents: 26000 },
      pendingRevision: null,
    });
    expect((await getOffering(offering.id, member).expect(200)).body.pendingRevision).toBeNull();
    expect(await searchTitles(`gouvernance ${token}`)).toEqual([offering.title]);
    expect(await searchTitles(newTitle.split(' ').at(-1)!)).toEqual([]);
    const booking = await book(sessionId);
    expect(booking.unitPriceCents).toBe(26000);

    // Its consultant and the admins see what awaits review.
    for (const user of [consultant, admin]) {
      const own = await getOffering(offering.id, user).expect(200);
      expect(own.body).toMatchObject({
        title: offering.title,
        pendingRevision: { title: newTitle, nonMemberPriceCents: 2000 },
      });
    }
  });

  it('lists pending changes to admins with the live version beside them, and goes live only when approved; existing bookings keep their price', async () => {
    const offering = await published('Comptabilité');
    const sessionId = await scheduled(offering.id);
    const before = await book(sessionId);
    expect(before.unitPriceCents).toBe(26000);
    expectStatus(
      await patch(consultant, offering.id, { memberPriceCents: 20000, nonMemberPriceCents: 30000 }),
      200,
    );

    const queue = await revisionQueue();
    expectStatus(queue, 200);
    const entry = (queue.body.items as Json[]).find((item) => item.offering.id === offering.id);
    expect(entry).toMatchObject({
      offering: { id: offering.id, memberPriceCents: 18000, nonMemberPriceCents: 26000 },
      revision: {
        memberPriceCents: 20000,
        nonMemberPriceCents: 30000,
        changedFields: ['memberPriceCents', 'nonMemberPriceCents'],
      },
    });
    expectProblem(await revisionQueue(consultant), 403);
    expectProblem(await revisionQueue(member), 403);

    // Only an admin approves.
    expectProblem(await action(consultant, offering.id, 'publish'), 403);
    expect((await liveRow(offering.id)).non_member).toBe(26000);
    const approved = await action(admin, offering.id, 'publish');
    expectStatus(approved, 200);
    expect(approved.body).toMatchObject({
      status: 'published',
      memberPriceCents: 20000,
      nonMemberPriceCents: 30000,
      pendingRevision: null,
    });
    expect(await revisionsOf(offering.id)).toEqual([
      expect.objectContaining({ status: 'approved', reviewed_by: admin.id }),
    ]);
    expect((await getOffering(offering.id).expect(200)).body.price.unitPriceCents).toBe(30000);
    expect((await book(sessionId)).unitPriceCents).toBe(30000);

    // The booking made before keeps its snapshot.
    const kept = await api()
      .get(`/api/bookings/${before.id}`)
      .auth(member.accessToken, bearer)
      .expect(200);
    expect(kept.body).toMatchObject({ unitPriceCents: 26000, totalExclVatCents: 26000 });
    const [stored] = await db.query<{ unit: number }[]>(
      `SELECT unit_price_cents::int AS unit FROM bookings WHERE id = $1`,
      [before.id],
    );
    expect(stored.unit).toBe(26000);

    // Nothing left to approve.
    const again = await action(admin, offering.id, 'publish');
    expectProblem(again, 409, 'invalid_offering_transition');
    const queueAfter = await revisionQueue();
    expect((queueAfter.body.items as Json[]).map((item) => item.offering.id)).not.toContain(
      offering.id,
    );
    const [event] = await db.query<Json[]>(
      `SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND type = 'offering.published'
        ORDER BY occurred_at DESC LIMIT 1`,
      [offering.id],
    );
    expect(event.payload).toMatchObject({ moderatedBy: admin.id, consultantId: consultant.id });
  });

  it('rejects a change with a reason: the live version stays and the consultant reads why', async () => {
    const offering = await published('Bénévolat');
    expectStatus(await patch(consultant, offering.id, { title: `Bénévolat ${token} promo` }), 200);
    expectProblem(await action(admin, offering.id, 'reject', { reason: '  ' }), 400);
    expect(await revisionsOf(offering.id)).toEqual([
      expect.objectContaining({ status: 'pending' }),
    ]);

    const rejected = await action(admin, offering.id, 'reject', {
      reason: 'Le titre doit décrire la formation.',
    });
    expectStatus(rejected, 200);
    expect(rejected.body).toMatchObject({
      status: 'published',
      title: offering.title,
      rejectionReason: null,
      pendingRevision: null,
      rejectedRevision: {
        status: 'rejected',
        title: `Bénévolat ${token} promo`,
        rejectionReason: 'Le titre doit décrire la formation.',
      },
    });
    const own = await getOffering(offering.id, consultant).expect(200);
    expect(own.body.rejectedRevision.rejectionReason).toBe('Le titre doit décrire la formation.');
    expect((await getOffering(offering.id).expect(200)).body).toMatchObject({
      title: offering.title,
      rejectedRevision: null,
    });
    const [event] = await db.query<Json[]>(
      `SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND type = 'offering.rejected'`,
      [offering.id],
    );
    expect(event.payload).toMatchObject({ reason: 'Le titre doit décrire la formation.' });
    expectProblem(
      await action(admin, offering.id, 'reject', { reason: 'encore' }),
      409,
      'invalid_offering_transition',
    );

    // A new proposal replaces the rejected one as what the consultant sees.
    const retried = await patch(consultant, offering.id, { summary: 'Un résumé plus précis.' });
    expect(retried.body).toMatchObject({
      pendingRevision: { summary: 'Un résumé plus précis.', changedFields: ['summary'] },
      rejectedRevision: null,
    });
  });

  it('keeps one pending revision per offering: a second edit amends it, an edit back to the live values withdraws it', async () => {
    const offering = await published('Trésorerie');
    expectStatus(await patch(consultant, offering.id, { title: `Trésorerie ${token} v2` }), 200);
    const second = await patch(consultant, offering.id, { nonMemberPriceCents: 27000 });
    expect(second.body.pendingRevision).toMatchObject({
      title: `Trésorerie ${token} v2`,
      nonMemberPriceCents: 27000,
      changedFields: ['title', 'nonMemberPriceCents'],
    });
    expect(await revisionsOf(offering.id)).toEqual([
      expect.objectContaining({ status: 'pending', non_member: 27000 }),
    ]);
    const back = await patch(consultant, offering.id, {
      title: offering.title,
      nonMemberPriceCents: 26000,
    });
    expect(back.body.pendingRevision).toBeNull();
    expect(await revisionsOf(offering.id)).toEqual([
      expect.objectContaining({ status: 'withdrawn' }),
    ]);

    // The database holds the rule too.
    expectStatus(await patch(consultant, offering.id, { summary: 'Autre résumé.' }), 200);
    await expect(
      db.query(
        `INSERT INTO offering_revisions (offering_id, proposed_by, title, summary, description,
                                         member_price_cents, non_member_price_cents, vat_treatment)
         SELECT id, consultant_id, title, summary, description, member_price_cents, non_member_price_cents,
                vat_treatment
           FROM offerings WHERE id = $1`,
        [offering.id],
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('lets simultaneous edits of one offering leave a single pending revision', async () => {
    const offering = await published('Concurrence');
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        patch(consultant, offering.id, { nonMemberPriceCents: 26100 + index }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const rows = await revisionsOf(offering.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('pending');
  });

  it('applies the fields that need no moderation at once, without a revision', async () => {
    const offering = await published('Immédiat');
    const edited = await patch(consultant, offering.id, {
      durationMinutes: 210,
      departments: ['84', '13'],
      maxSeatsPerOrganisation: 4,
      cancellationPolicy: { tiers: [{ daysBefore: 7, refundPercent: 100 }] },
    });
    expectStatus(edited, 200);
    expect(edited.body).toMatchObject({
      durationMinutes: 210,
      departments: ['13', '84'],
      maxSeatsPerOrganisation: 4,
      pendingRevision: null,
    });
    expect(await revisionsOf(offering.id)).toEqual([]);
    expect(await liveRow(offering.id)).toMatchObject({ duration_minutes: 210 });
  });

  it('validates a proposed change like an offering: 400, and no revision', async () => {
    const offering = await published('Validation');
    const response = await patch(consultant, offering.id, { memberPriceCents: 27000 });
    expectProblem(response, 400, 'invalid_offering');
    expect(fieldsOf(response)).toEqual(['memberPriceCents']);
    expect(await revisionsOf(offering.id)).toEqual([]);
  });

  it('refuses a VAT regime from a consultant with 400 naming the field, on a published offering or a draft', async () => {
    const offering = await published('TVA');
    const before = await liveRow(offering.id);
    for (const vatTreatment of ['standard', 'exempt_training']) {
      const refused = await patch(consultant, offering.id, {
        vatTreatment,
        title: `TVA ${token} autre`,
      });
      expectProblem(refused, 400, 'validation_failed');
      expect(fieldsOf(refused)).toEqual(['vatTreatment']);
    }
    expect(await liveRow(offering.id)).toEqual(before);
    expect(await revisionsOf(offering.id)).toEqual([]);
    const created = await api()
      .post('/api/offerings')
      .auth(consultant.accessToken, bearer)
      .send(offeringBody({ vatTreatment: 'exempt_training' }));
    expectProblem(created, 400, 'validation_failed');
    expect(fieldsOf(created)).toEqual(['vatTreatment']);
  });

  it('lets admins and finance set the VAT regime; on a published offering it waits for approval while bookings keep theirs', async () => {
    const offering = await published('Régime TVA');
    expect(offering.vatTreatment).toBe('standard');
    const sessionId = await scheduled(offering.id);
    const first = await book(sessionId);
    expect(first).toMatchObject({ vatTreatment: 'standard', totalVatCents: 5200 });

    for (const user of [consultant, otherConsultant, member]) {
      expectProblem(await putVat(user, offering.id, { vatTreatment: 'exempt_training' }), 403);
    }
    for (const vatTreatment of ['reduced', 'not_subject', 'franchise']) {
      expectProblem(await putVat(admin, offering.id, { vatTreatment }), 400);
    }
    expectProblem(await putVat(admin, offering.id, {}), 400);
    expectProblem(await putVat(admin, randomUUID(), { vatTreatment: 'standard' }), 404);
    // No attestation of the training exemption recorded yet.
    await db.query(`UPDATE offering_vat_settings SET training_exemption_attested_on = NULL`);
    expectProblem(
      await putVat(finance, offering.id, { vatTreatment: 'exempt_training' }),
      422,
      'training_exemption_not_attested',
    );
    await attestTrainingExemption(db);

    const proposed = await putVat(finance, offering.id, { vatTreatment: 'exempt_training' });
    expectStatus(proposed, 200);
    expect(proposed.body).toMatchObject({
      vatTreatment: 'standard',
      status: 'published',
      pendingRevision: { vatTreatment: 'exempt_training', changedFields: ['vatTreatment'] },
    });
    expect((await getOffering(offering.id).expect(200)).body.vatTreatment).toBe('standard');
    expect(await book(sessionId)).toMatchObject({ vatTreatment: 'standard', totalVatCents: 5200 });
    expect((await revisionQueue()).body.items).toContainEqual(
      expect.objectContaining({
        revision: expect.objectContaining({ vatTreatment: 'exempt_training' }),
      }),
    );

    expectStatus(await action(admin, offering.id, 'publish'), 200);
    expect((await getOffering(offering.id).expect(200)).body.vatTreatment).toBe('exempt_training');
    expect(await book(sessionId)).toMatchObject({
      vatTreatment: 'exempt_training',
      totalVatCents: 0,
    });
    const [kept] = await db.query<{ vat: string }[]>(
      `SELECT vat_treatment AS vat FROM bookings WHERE id = $1`,
      [first.id],
    );
    expect(kept.vat).toBe('standard');

    expectStatus(await action(consultant, offering.id, 'archive'), 200);
    expectProblem(
      await putVat(admin, offering.id, { vatTreatment: 'standard' }),
      409,
      'offering_not_editable',
    );
  });

  it('refuses the training exemption on a consultation with 422', async () => {
    await attestTrainingExemption(db);
    const offering = await c.publishedOffering(
      consultant,
      admin,
      consultationBody({ title: `Conseil ${token} ${uniqueWord('tt')}` }),
    );
    const refused = await putVat(admin, offering.id, { vatTreatment: 'exempt_training' });
    expectProblem(refused, 422, 'vat_treatment_not_allowed');
    expect(fieldsOf(refused)).toEqual(['vatTreatment']);
    expectStatus(await putVat(admin, offering.id, { vatTreatment: 'exempt_members' }), 200);
  });

  it('drops what awaited review when the offering is archived', async () => {
    const offering = await published('Archivage');
    expectStatus(await patch(consultant, offering.id, { summary: 'Nouveau résumé.' }), 200);
    expectStatus(await action(consultant, offering.id, 'archive'), 200);
    expect(await revisionsOf(offering.id)).toEqual([
      expect.objectContaining({ status: 'withdrawn' }),
    ]);
  });

  it('still lets a draft change at once, and its VAT regime set by the Chambre at once', async () => {
    const draft = await c.createOffering(
      consultant,
      offeringBody({ title: `Brouillon ${token} ${uniqueWord('tt')}` }),
    );
    const edited = await patch(consultant, draft.id, { nonMemberPriceCents: 30000 });
    expect(edited.body).toMatchObject({
      status: 'draft',
      nonMemberPriceCents: 30000,
      pendingRevision: null,
    });
    const set = await putVat(finance, draft.id, { vatTreatment: 'exempt_members' });
    expect(set.body).toMatchObject({ vatTreatment: 'exempt_members', pendingRevision: null });
    expect(
      await sql(app, 'SELECT 1 FROM offering_revisions WHERE offering_id = $1', [draft.id]),
    ).toEqual([]);
  });
});
