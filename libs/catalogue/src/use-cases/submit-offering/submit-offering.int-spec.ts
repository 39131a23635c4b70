import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@mutualis/identity';
import { completeTrainingPedagogy, createTestContext, insertConsultant } from '@mutualis/testing';
import { CatalogueModule } from '../../catalogue.module';
import { CatalogueErrorCode } from '../../catalogue.exception';
import type { TrainingPedagogy } from '../../training-pedagogy';
import type { OfferingKind } from '../../catalogue.types';
import { CreateOfferingUseCase } from '../create-offering/create-offering.use-case';
import { PublishOfferingUseCase } from '../publish-offering/publish-offering.use-case';
import { UpdateOfferingUseCase } from '../update-offering/update-offering.use-case';
import { SubmitOfferingUseCase } from './submit-offering.use-case';

describe('A training states its pedagogical content before it is submitted (R6353-1)', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let consultant: Actor;
  let admin: Actor;

  beforeAll(async () => {
    context = await createTestContext([CatalogueModule]);
    db = context.get(DataSource);
    consultant = { userId: await insertConsultant(db), roles: ['consultant'] };
    const [{ id }] = await db.query<{ id: string }[]>(
      `INSERT INTO users (email, name, password_hash, platform_roles)
       VALUES ('admin-' || gen_random_uuid() || '@test.mutualis.fr', 'Admin', 'x', '{admin}')
       RETURNING id`,
    );
    admin = { userId: id, roles: ['admin'] };
  });

  afterAll(async () => {
    await context.close();
  });

  const draft = (pedagogy: TrainingPedagogy | null, kind: OfferingKind = 'training') =>
    context.get(CreateOfferingUseCase).execute({
      actor: consultant,
      title: 'Formation pédagogie',
      summary: 'Résumé',
      description: 'Description',
      categorySlug: 'formation',
      kind,
      deliveryMode: 'on_site',
      departments: ['13'],
      durationMinutes: 840,
      memberPriceCents: 10_000,
      nonMemberPriceCents: 15_000,
      pedagogy,
    });

  const statusOf = async (id: string): Promise<string> =>
    (await db.query<{ status: string }[]>(`SELECT status FROM offerings WHERE id = $1`, [id]))[0]
      .status;

  it('refuses to submit a training without it: 422 naming every missing field, and nothing changes', async () => {
    const offering = await draft(null);
    const refusal = context.get(SubmitOfferingUseCase).execute(consultant, offering.id);
    await expect(refusal).rejects.toMatchObject({
      code: CatalogueErrorCode.IncompleteTraining,
      fields: expect.arrayContaining([
        { field: 'pedagogy.objectives', message: 'must state at least one objective' },
        { field: 'pedagogy.prerequisites', message: expect.any(String) },
        { field: 'pedagogy.audience', message: expect.any(String) },
        { field: 'pedagogy.modules', message: expect.any(String) },
        { field: 'pedagogy.teachingMethods', message: expect.any(String) },
        { field: 'pedagogy.evaluationMethods', message: expect.any(String) },
        { field: 'pedagogy.accessibility', message: expect.any(String) },
        { field: 'pedagogy.accessibilityReferent.name', message: expect.any(String) },
        { field: 'pedagogy.accessibilityReferent.email', message: expect.any(String) },
        { field: 'pedagogy.accessDelay', message: expect.any(String) },
      ]),
    });
    expect(await statusOf(offering.id)).toBe('draft');
  });

  it('names a blank module or objective precisely', async () => {
    const offering = await draft(
      completeTrainingPedagogy({
        objectives: ['  '],
        modules: [
          { title: 'Module 1', content: 'Contenu' },
          { title: 'Module 2', content: ' ' },
        ],
      }),
    );
    await expect(
      context.get(SubmitOfferingUseCase).execute(consultant, offering.id),
    ).rejects.toMatchObject({
      fields: [
        { field: 'pedagogy.objectives', message: 'must state at least one objective' },
        { field: 'pedagogy.modules[1].content', message: expect.any(String) },
      ],
    });
  });

  it('submits a complete training, and a consultation without any', async () => {
    const training = await draft(completeTrainingPedagogy());
    const submitted = await context.get(SubmitOfferingUseCase).execute(consultant, training.id);
    expect(submitted.status).toBe('submitted');
    expect(submitted.pedagogy).toEqual(completeTrainingPedagogy());
    const consultation = await draft(null, 'consultation');
    expect(
      (await context.get(SubmitOfferingUseCase).execute(consultant, consultation.id)).status,
    ).toBe('submitted');
  });

  it('moderates a change of a published training’s content like its wording, and refuses one that empties it', async () => {
    const training = await draft(completeTrainingPedagogy());
    await context.get(SubmitOfferingUseCase).execute(consultant, training.id);
    await context.get(PublishOfferingUseCase).execute(admin, training.id);
    const update = context.get(UpdateOfferingUseCase);

    await expect(
      update.execute({
        actor: consultant,
        offeringId: training.id,
        pedagogy: completeTrainingPedagogy({ objectives: [] }),
      }),
    ).rejects.toMatchObject({ code: CatalogueErrorCode.IncompleteTraining });

    const changed = completeTrainingPedagogy({ whatToBring: 'Son dernier bulletin de paie' });
    const edited = await update.execute({
      actor: consultant,
      offeringId: training.id,
      pedagogy: changed,
    });
    expect(edited.pedagogy).toEqual(completeTrainingPedagogy());
    expect(edited.pendingRevision).toMatchObject({
      pedagogy: changed,
      changedFields: ['pedagogy'],
    });

    // The same content in another key order is no change: the revision is withdrawn.
    const reordered = Object.fromEntries(
      Object.entries(completeTrainingPedagogy()).reverse(),
    ) as TrainingPedagogy;
    const back = await update.execute({
      actor: consultant,
      offeringId: training.id,
      pedagogy: reordered,
    });
    expect(back.pendingRevision).toBeNull();

    await update.execute({ actor: consultant, offeringId: training.id, pedagogy: changed });
    const approved = await context.get(PublishOfferingUseCase).execute(admin, training.id);
    expect(approved.pedagogy).toEqual(changed);
    expect(approved.pendingRevision).toBeNull();
  });
});
