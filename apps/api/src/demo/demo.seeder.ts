import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, Environment, NodeEnv, parisYear } from '@mutualis/core';
import {
  AcceptInvitationUseCase,
  Actor,
  CreateOrganisationUseCase,
  GetProfileUseCase,
  IdentityErrorCode,
  IdentityException,
  InviteMemberUseCase,
  ListUsersUseCase,
  RegisterUserUseCase,
  SeedTwoFactorUseCase,
  SetMembershipUseCase,
  UpdateOrganisationUseCase,
  VerifiedAccountService,
} from '@mutualis/identity';
import { BookingSeeder, DemoMember } from './booking.seeder';
import { TrainingSeeder } from './training.seeder';
import { ChambreSettingsQuery, UpdateChambreSettingsUseCase } from '@mutualis/invoicing';
import { CatalogueSeeder } from './catalogue.seeder';
import { DemoApplicant, MembershipSeeder } from './membership.seeder';
import { DEMO_ORGANISATIONS, DEMO_STAFF, DemoOrganisation, DemoUser } from './demo-data';

/**
 * Seeds the demo through the same use cases people go through; every step checks what exists,
 * so running it again changes nothing.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly config: ConfigService<Environment, true>,
    private readonly registerUser: RegisterUserUseCase,
    private readonly listUsers: ListUsersUseCase,
    private readonly createOrganisation: CreateOrganisationUseCase,
    private readonly updateOrganisation: UpdateOrganisationUseCase,
    private readonly getProfile: GetProfileUseCase,
    private readonly inviteMember: InviteMemberUseCase,
    private readonly acceptInvitation: AcceptInvitationUseCase,
    private readonly setMembership: SetMembershipUseCase,
    private readonly catalogue: CatalogueSeeder,
    private readonly bookings: BookingSeeder,
    private readonly trainings: TrainingSeeder,
    private readonly memberships: MembershipSeeder,
    private readonly chambre: ChambreSettingsQuery,
    private readonly updateChambre: UpdateChambreSettingsUseCase,
    private readonly clock: Clock,
    private readonly verifiedAccounts: VerifiedAccountService,
    private readonly seedTwoFactor: SeedTwoFactorUseCase,
  ) {}

  async seed(): Promise<void> {
    if (this.config.get('NODE_ENV', { infer: true }) === NodeEnv.Production) {
      throw new Error('refusing to seed demo accounts with NODE_ENV=production');
    }
    let created = 0;
    const count = (wasCreated: boolean): void => {
      if (wasCreated) created++;
    };

    if (!(await this.chambre.get()).configured) {
      // Made-up but valid identity (the SIRET and its SIREN pass Luhn, the VAT number's key is
      // the SIREN's); a real Chambre edits it via PUT /api/chambre.
      await this.updateChambre.execute({
        legalName: 'CRESS Provence-Alpes-Côte d’Azur (démo)',
        addressLine1: '2 place Sadi-Carnot',
        addressLine2: null,
        postalCode: '13002',
        city: 'Marseille',
        siret: '78111222200018',
        vatNumber: 'FR08781112222',
        vatRegime: 'standard',
        trainingDeclarationNumber: '93 13 12345 13',
        // The DREETS attestation of the training exemption (made up), distinct from the NDA.
        trainingExemptionAttestedOn: '2024-09-02',
        defaultVatTreatmentTraining: 'exempt_training',
        defaultVatTreatmentOther: 'standard',
        vatOnDebits: false,
        iban: 'FR7630001007941234567890185',
        bic: 'BDFEFRPPXXX',
        latePaymentRate: 'trois fois le taux d’intérêt légal',
        paymentTermsDays: 30,
        email: 'facturation@demo.mutualis.fr',
        phone: '04 91 00 00 00',
      });
      created++;
    }
    const staff = new Map<string, Actor>();
    for (const person of DEMO_STAFF) {
      const ensured = await this.ensureUser(person);
      count(ensured.created);
      staff.set(person.email, ensured.actor);
      if (person.totpSecret) {
        count(await this.seedTwoFactor.execute(ensured.actor.userId, person.totpSecret));
      }
    }
    const year = parisYear(this.clock.now());
    const members: DemoMember[] = [];
    const applicants: DemoApplicant[] = [];
    const chambreAdmin = staff.get('admin@demo.mutualis.fr')!;
    for (const demo of DEMO_ORGANISATIONS) {
      const admin = await this.ensureUser(demo.admin);
      count(admin.created);
      const organisation = await this.ensureOrganisation(admin.actor, demo);
      count(organisation.created);
      if (organisation.created && demo.publicBody) {
        // As in real life: the organisation registers, the Chambre marks it a public body.
        await this.updateOrganisation.execute({
          actor: chambreAdmin,
          organisationId: organisation.id,
          isPublicBody: true,
          vatRegistered: false,
          chorusStructure: demo.publicBody.chorusStructure,
        });
      }
      members.push({
        actor: admin.actor,
        organisationId: organisation.id,
        engagementNumber: demo.publicBody?.engagementNumber,
      });
      if (organisation.created && demo.previousYear) {
        // Last year, as the import of the Chambre's spreadsheet left it.
        await this.setMembership.execute({
          organisationId: organisation.id,
          year: year - 1,
          status: demo.previousYear,
          feeCents: 15_000,
        });
      }
      applicants.push({ actor: admin.actor, organisationId: organisation.id, demo });
      for (const colleague of demo.colleagues) {
        const person = await this.ensureUser(colleague);
        count(person.created);
        await this.ensureMember(admin.actor, organisation.id, person.actor, colleague.email);
      }
    }
    // This year's memberships through applications, approvals and payments, before the bookings
    // that read them.
    created += await this.memberships.seed(applicants, chambreAdmin, year);
    const consultants = [1, 2, 3].map((n) => staff.get(`consultant${n}@demo.mutualis.fr`)!);
    const offerings = await this.catalogue.seed(consultants, chambreAdmin);
    created += offerings.length;
    created += await this.bookings.seed(offerings, members, chambreAdmin);
    created += await this.trainings.seed(offerings, members[0], consultants, chambreAdmin);
    this.logger.log(
      created ? `seeded ${created} demo records` : 'demo data already present, nothing to do',
    );
  }

  private async ensureUser(demo: DemoUser): Promise<{ actor: Actor; created: boolean }> {
    try {
      const user = await this.registerUser.execute({
        email: demo.email,
        name: demo.name,
        password: this.config.get('DEMO_PASSWORD', { infer: true }),
        locale: 'fr',
        platformRoles: demo.roles,
        // Demo addresses receive nothing: they count as verified, so the demo can book.
        emailVerified: true,
      });
      return { actor: { userId: user.id, roles: user.platformRoles }, created: true };
    } catch (error) {
      if (!(error instanceof IdentityException && error.code === IdentityErrorCode.EmailTaken))
        throw error;
    }
    const page = await this.listUsers.execute({ search: demo.email, limit: 10 });
    const user = page.items.find((item) => item.email.toLowerCase() === demo.email.toLowerCase());
    if (!user) throw new Error(`demo user ${demo.email} exists but cannot be found`);
    await this.verifiedAccounts.markVerifiedWithoutLink(user.id);
    return { actor: { userId: user.id, roles: user.roles }, created: false };
  }

  private async ensureOrganisation(
    admin: Actor,
    demo: DemoOrganisation,
  ): Promise<{ id: string; created: boolean }> {
    const profile = await this.getProfile.execute(admin.userId);
    const existing = profile.organisations.find(
      (organisation) => organisation.legalName === demo.legalName,
    );
    if (existing) return { id: existing.id, created: false };
    const organisation = await this.createOrganisation.execute({
      actor: admin,
      legalName: demo.legalName,
      legalForm: demo.legalForm,
      siret: demo.siret,
      rna: demo.rna ?? null,
      address: demo.address,
      billingEmail: demo.billingEmail,
      vatNumber: demo.vatNumber ?? null,
    });
    return { id: organisation.id, created: true };
  }

  private async ensureMember(
    admin: Actor,
    organisationId: string,
    person: Actor,
    email: string,
  ): Promise<void> {
    const profile = await this.getProfile.execute(person.userId);
    if (profile.organisations.some((organisation) => organisation.id === organisationId)) return;
    const invitation = await this.inviteMember.execute({
      actor: admin,
      organisationId,
      email,
      role: 'org_member',
    });
    await this.acceptInvitation.execute(person, invitation.token);
  }
}
