import { INestApplicationContext } from '@nestjs/common';
import { createTestContext, uniqueEmail, validSiret } from '@mutualis/testing';
import { IdentityModule } from '../identity.module';
import { CreateOrganisationUseCase } from '../use-cases/create-organisation/create-organisation.use-case';
import { RegisterUserUseCase } from '../use-cases/register-user/register-user.use-case';
import { SetMembershipUseCase } from '../use-cases/set-membership/set-membership.use-case';
import { MembershipService } from './membership.service';

describe('MembershipService.isMember', () => {
  let context: INestApplicationContext;
  let membership: MembershipService;
  let setMembership: SetMembershipUseCase;
  let organisationId: string;

  beforeAll(async () => {
    context = await createTestContext([IdentityModule]);
    membership = context.get(MembershipService);
    setMembership = context.get(SetMembershipUseCase);
    const user = await context.get(RegisterUserUseCase).execute({
      email: uniqueEmail('member'),
      name: 'Org admin',
      password: 'a long enough password',
      emailVerified: true,
    });
    const organisation = await context.get(CreateOrganisationUseCase).execute({
      actor: { userId: user.id, roles: [] },
      legalName: 'SCOP Les Tisserands',
      legalForm: 'scop',
      siret: validSiret(),
      address: { line1: '2 rue Longue', postalCode: '84000', city: 'Avignon' },
      billingEmail: uniqueEmail('billing'),
    });
    organisationId = organisation.id;
  });

  afterAll(async () => {
    await context.close();
  });

  it('is false while the membership of the year is pending, and for years without one', async () => {
    await setMembership.execute({
      organisationId,
      year: 2031,
      status: 'pending',
      feeCents: 10_000,
    });
    expect(await membership.isMember(organisationId, new Date('2031-06-01T10:00:00Z'))).toBe(false);
    expect(await membership.isMember(organisationId, new Date('2032-06-01T10:00:00Z'))).toBe(false);
  });

  it('is true on any date of a year whose membership is active, and false once it lapses', async () => {
    await setMembership.execute({ organisationId, year: 2031, status: 'active', feeCents: 10_000 });
    expect(await membership.isMember(organisationId, new Date('2031-01-01T00:30:00+01:00'))).toBe(
      true,
    );
    expect(await membership.isMember(organisationId, new Date('2031-12-31T23:30:00+01:00'))).toBe(
      true,
    );
    await setMembership.execute({ organisationId, year: 2031, status: 'lapsed', feeCents: 10_000 });
    expect(await membership.isMember(organisationId, new Date('2031-06-01T10:00:00Z'))).toBe(false);
  });

  it('reads the year in Paris: 31 December 23:30 UTC is already next year there', async () => {
    await setMembership.execute({ organisationId, year: 2033, status: 'active', feeCents: 10_000 });
    await setMembership.execute({ organisationId, year: 2034, status: 'lapsed', feeCents: 10_000 });
    expect(await membership.isMember(organisationId, new Date('2033-12-31T22:30:00Z'))).toBe(true);
    expect(await membership.isMember(organisationId, new Date('2033-12-31T23:30:00Z'))).toBe(false);
  });

  it('does not make another organisation a member', async () => {
    await setMembership.execute({ organisationId, year: 2035, status: 'active', feeCents: 10_000 });
    expect(
      await membership.isMember('00000000-0000-4000-8000-000000000000', new Date('2035-06-01')),
    ).toBe(false);
  });
});
