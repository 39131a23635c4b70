import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parisDate } from '@mutualis/core';
import { Actor, PlatformRole } from '@mutualis/identity';
import {
  attestTrainingExemption,
  completeTrainingPedagogy,
  createTestContext,
  insertConsultant,
} from '@mutualis/testing';
import { CatalogueModule } from '../../catalogue.module';
import { OfferingVatSettingsService } from '../../services/offering-vat-settings.service';
import type { OfferingKind } from '../../catalogue.types';
import { CreateOfferingUseCase } from '../create-offering/create-offering.use-case';
import { PublishOfferingUseCase } from '../publish-offering/publish-offering.use-case';
import { SubmitOfferingUseCase } from '../submit-offering/submit-offering.use-case';
import { UpdateOfferingUseCase } from '../update-offering/update-offering.use-case';
import { SetVatTreatmentUseCase } from './set-vat-treatment.use-case';

const DAY_MS = 86_400_000;

describe('The Chambre decides an offering’s VAT regime', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let consultant: Actor;
  let admin: Actor;
  let finance: Actor;

  beforeAll(async () => {
    context = await createTestContext([CatalogueModule]);
    db = context.get(DataSource);
    consultant = { userId: await insertConsultant(db), roles: ['consultant'] };
    admin = await staff('admin');
    finance = await staff('finance');
  });

  afterAll(async () => {
    await context.close();
  });

  beforeEach(async () => {
    await db.query(
      `UPDATE offering_vat_settings SET training_exemption_attested_on = NULL,
              default_vat_treatment_training = 'standard', default_vat_treatment_other = 'standard'`,
    );
    await db.query(
      `UPDATE offerings SET status = 'archived' WHERE vat_treatment = 'exempt_training'`,
    );
    await db.query(
      `UPDATE offering_revisions SET status = 'withdrawn' WHERE status = 'pending' AND vat_treatment = 'exempt_training'`,
    );
  });

  async function staff(role: PlatformRole): Promise<Actor> {
    const [{ id }] = await db.query<{ id: string }[]>(
      `INSERT INTO users (email, name, password_hash, platform_roles)
       VALUES ($1 || '-' || gen_random_uuid() || '@test.mutualis.fr', 'Chambre', 'x', ARRAY[$1])
       RETURNING id`,
      [role],
    );
    return { userId: id, roles: [role] };
  }

  const setVat = (actor: Actor, offeringId: string, vatTreatment: string) =>
    context
      .get(SetVatTreatmentUseCase)
      .execute({ actor, offeringId, vatTreatment: vatTreatment as 'standard' });

  const draft = (kind: OfferingKind = 'training') =>
    context.get(CreateOfferingUseCase).execute({
      actor: consultant,
      title: kind === 'training' ? 'Formation TVA' : 'Consultation TVA',
      summary: 'Résumé',
      description: 'Description',
      categorySlug: 'formation',
      kind,
      deliveryMode: 'remote',
      departments: ['13'],
      durationMinutes: kind === 'training' ? 420 : 60,
      memberPriceCents: 10_000,
      nonMemberPriceCents: 15_000,
      pedagogy: kind === 'training' ? completeTrainingPedagogy() : null,
    });

  async function published(kind: OfferingKind = 'training'): Promise<string> {
    const offering = await draft(kind);
    await context.get(SubmitOfferingUseCase).execute(consultant, offering.id);
    await context.get(PublishOfferingUseCase).execute(admin, offering.id);
    return offering.id;
  }

  const live = async (offeringId: string) =>
    (
      await db.query<{ vat_treatment: string }[]>(
        `SELECT vat_treatment FROM offerings WHERE id = $1`,
        [offeringId],
      )
    )[0].vat_treatment;

  it('is refused to a consultant, even on their own offering', async () => {
    const offering = await draft();
    await expect(setVat(consultant, offering.id, 'exempt_members')).rejects.toMatchObject({
      code: 'vat_treatment_by_chambre',
    });
    expect(await live(offering.id)).toBe('standard');
  });

  it('gives a new offering the Chambre’s default for its kind, which the consultant does not choose', async () => {
    await attestTrainingExemption(db);
    await db.transaction((manager) =>
      context.get(OfferingVatSettingsService).update(
        {
          defaultVatTreatmentTraining: 'exempt_training',
          defaultVatTreatmentOther: 'exempt_members',
        },
        manager,
      ),
    );
    expect((await draft('training')).vatTreatment).toBe('exempt_training');
    expect((await draft('consultation')).vatTreatment).toBe('exempt_members');
  });

  it('refuses the training exemption on a consultation, whatever the attestation', async () => {
    await attestTrainingExemption(db);
    const offering = await draft('consultation');
    await expect(setVat(finance, offering.id, 'exempt_training')).rejects.toMatchObject({
      code: 'vat_treatment_not_allowed',
      fields: [{ field: 'vatTreatment', message: expect.stringContaining('261, 4, 4° a') }],
    });
    expect(await live(offering.id)).toBe('standard');
  });

  it('refuses the training exemption until the Chambre has dated its DREETS attestation, and from that date', async () => {
    const offering = await draft('training');
    await expect(setVat(finance, offering.id, 'exempt_training')).rejects.toMatchObject({
      code: 'training_exemption_not_attested',
    });
    const tomorrow = parisDate(new Date(Date.now() + DAY_MS));
    await attestTrainingExemption(db, tomorrow);
    await expect(setVat(finance, offering.id, 'exempt_training')).rejects.toMatchObject({
      code: 'training_exemption_not_attested',
    });
    expect(await live(offering.id)).toBe('standard');

    await attestTrainingExemption(db, parisDate(new Date()));
    expect((await setVat(finance, offering.id, 'exempt_training')).vatTreatment).toBe(
      'exempt_training',
    );
    expect(await live(offering.id)).toBe('exempt_training');
  });

  it('applies at once before publication, and waits for an admin’s approval on a published offering', async () => {
    await attestTrainingExemption(db);
    const offeringId = await published('training');

    const proposed = await setVat(finance, offeringId, 'exempt_training');
    expect(proposed.vatTreatment).toBe('standard');
    expect(proposed.pendingRevision).toMatchObject({
      vatTreatment: 'exempt_training',
      changedFields: ['vatTreatment'],
      proposedBy: finance.userId,
    });
    expect(await live(offeringId)).toBe('standard');

    // The consultant's own change amends the same revision and keeps the Chambre's regime.
    const amended = await context.get(UpdateOfferingUseCase).execute({
      actor: consultant,
      offeringId,
      memberPriceCents: 9_000,
    });
    expect(amended.pendingRevision).toMatchObject({
      vatTreatment: 'exempt_training',
      memberPriceCents: 9_000,
      changedFields: ['memberPriceCents', 'vatTreatment'],
    });
    expect(await live(offeringId)).toBe('standard');

    const approved = await context.get(PublishOfferingUseCase).execute(admin, offeringId);
    expect(approved).toMatchObject({
      vatTreatment: 'exempt_training',
      memberPriceCents: 9_000,
      pendingRevision: null,
    });
    expect(await live(offeringId)).toBe('exempt_training');
    const [audit] = await db.query<{ before: unknown; after: unknown }[]>(
      `SELECT before, after FROM audit_log
        WHERE entity_id = $1 AND action = 'offering.pricing.changed' ORDER BY occurred_at DESC LIMIT 1`,
      [offeringId],
    );
    expect(audit).toEqual({
      before: { memberPriceCents: 10_000, vatTreatment: 'standard' },
      after: { memberPriceCents: 9_000, vatTreatment: 'exempt_training' },
    });
  });

  it('withdraws a proposal brought back to the live regime', async () => {
    const offeringId = await published('consultation');
    expect((await setVat(admin, offeringId, 'exempt_members')).pendingRevision).not.toBeNull();
    expect((await setVat(admin, offeringId, 'standard')).pendingRevision).toBeNull();
  });

  it('re-checks a proposed training exemption when it is approved', async () => {
    await attestTrainingExemption(db);
    const offeringId = await published('training');
    await setVat(finance, offeringId, 'exempt_training');
    await attestTrainingExemption(db, parisDate(new Date(Date.now() + DAY_MS)));
    await expect(
      context.get(PublishOfferingUseCase).execute(admin, offeringId),
    ).rejects.toMatchObject({ code: 'training_exemption_not_attested' });
    expect(await live(offeringId)).toBe('standard');
  });

  it('gives a draft whose kind changes the default of its new kind when its regime no longer applies', async () => {
    await attestTrainingExemption(db);
    const offering = await draft('training');
    await setVat(finance, offering.id, 'exempt_training');
    const changed = await context.get(UpdateOfferingUseCase).execute({
      actor: consultant,
      offeringId: offering.id,
      kind: 'consultation',
      durationMinutes: 60,
    });
    expect(changed.vatTreatment).toBe('standard');
  });

  describe('the Chambre’s VAT settings for offerings', () => {
    const update = (changes: Parameters<OfferingVatSettingsService['update']>[0]) =>
      db.transaction((manager) => context.get(OfferingVatSettingsService).update(changes, manager));

    it('refuses an attestation dated in the future, and a training exemption default without one', async () => {
      await expect(
        update({ trainingExemptionAttestedOn: parisDate(new Date(Date.now() + DAY_MS)) }),
      ).rejects.toMatchObject({ code: 'vat_treatment_not_allowed' });
      await expect(
        update({ defaultVatTreatmentTraining: 'exempt_training' }),
      ).rejects.toMatchObject({
        fields: [expect.objectContaining({ field: 'defaultVatTreatmentTraining' })],
      });
      await expect(update({ defaultVatTreatmentOther: 'exempt_training' })).rejects.toMatchObject({
        fields: [expect.objectContaining({ field: 'defaultVatTreatmentOther' })],
      });
      await expect(
        update({ defaultVatTreatmentOther: 'out_of_scope_subsidy' }),
      ).rejects.toMatchObject({ code: 'vat_treatment_not_allowed' });
      await expect(update({ trainingExemptionAttestedOn: '2025-02-30' })).rejects.toMatchObject({
        code: 'vat_treatment_not_allowed',
      });
    });

    it('leaves alone what a change leaves out (undefined), unlike null', async () => {
      await update({ trainingExemptionAttestedOn: '2025-01-15' });
      expect(
        await update({
          trainingExemptionAttestedOn: undefined,
          defaultVatTreatmentTraining: 'exempt_training',
        }),
      ).toMatchObject({
        trainingExemptionAttestedOn: '2025-01-15',
        defaultVatTreatmentTraining: 'exempt_training',
      });
    });

    it('refuses to remove the attestation while offerings rely on it', async () => {
      await update({ trainingExemptionAttestedOn: '2025-01-15' });
      const offering = await draft('training');
      await setVat(finance, offering.id, 'exempt_training');
      expect(
        (await context.get(OfferingVatSettingsService).get()).offeringsUnderTrainingExemption,
      ).toBe(1);
      await expect(update({ trainingExemptionAttestedOn: null })).rejects.toMatchObject({
        code: 'training_exemption_in_use',
      });
      await setVat(finance, offering.id, 'standard');
      expect(await update({ trainingExemptionAttestedOn: null })).toMatchObject({
        trainingExemptionAttestedOn: null,
        offeringsUnderTrainingExemption: 0,
      });
    });
  });
});
