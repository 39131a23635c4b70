import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule, Environment } from '@mutualis/core';
import { PasswordHasher } from './auth/password-hasher';
import { identityEntities } from './entities';
import { IdentityPersonalDataRepository } from './repositories/identity-personal-data.repository';
import { InvitationRepository } from './repositories/invitation.repository';
import { MembershipRepository } from './repositories/membership.repository';
import { MembershipRollRepository } from './repositories/membership-roll.repository';
import { OrganisationMemberRepository } from './repositories/organisation-member.repository';
import { OrganisationRepository } from './repositories/organisation.repository';
import { RefreshTokenRepository } from './repositories/refresh-token.repository';
import { UserRepository } from './repositories/user.repository';
import { AccountTokenRepository } from './repositories/account-token.repository';
import { LoginSessionRepository } from './repositories/login-session.repository';
import { AccountLinkIssuer } from './services/account-link-issuer';
import { AccountLinksService } from './services/account-links.service';
import { VerifiedAccountService } from './services/verified-account.service';
import { ChangePasswordUseCase } from './use-cases/change-password/change-password.use-case';
import { ListLoginSessionsUseCase } from './use-cases/list-login-sessions/list-login-sessions.use-case';
import { RevokeLoginSessionUseCase } from './use-cases/revoke-login-session/revoke-login-session.use-case';
import { RevokeOtherLoginSessionsUseCase } from './use-cases/revoke-other-login-sessions/revoke-other-login-sessions.use-case';
import { RequestEmailChangeUseCase } from './use-cases/request-email-change/request-email-change.use-case';
import { RequestEmailVerificationUseCase } from './use-cases/request-email-verification/request-email-verification.use-case';
import { RequestPasswordResetUseCase } from './use-cases/request-password-reset/request-password-reset.use-case';
import { ResetPasswordUseCase } from './use-cases/reset-password/reset-password.use-case';
import { SignUpUseCase } from './use-cases/sign-up/sign-up.use-case';
import { VerifyEmailUseCase } from './use-cases/verify-email/verify-email.use-case';
import { ContactDirectoryService } from './services/contact-directory.service';
import { ImportedOrganisationsService } from './services/imported-organisations.service';
import { MembershipService } from './services/membership.service';
import { MembershipRollService } from './services/membership-roll.service';
import { OrganisationAccessService } from './services/organisation-access.service';
import { InvoiceableBuyerService } from './services/invoiceable-buyer.service';
import { OrganisationDirectoryService } from './services/organisation-directory.service';
import { AcceptInvitationUseCase } from './use-cases/accept-invitation/accept-invitation.use-case';
import { AuthenticateUserUseCase } from './use-cases/authenticate-user/authenticate-user.use-case';
import { CreateOrganisationUseCase } from './use-cases/create-organisation/create-organisation.use-case';
import { EndSessionUseCase } from './use-cases/end-session/end-session.use-case';
import { GetInvitationUseCase } from './use-cases/get-invitation/get-invitation.use-case';
import { GetInvitationByIdUseCase } from './use-cases/get-invitation-by-id/get-invitation-by-id.use-case';
import { InvitationPreviewService } from './services/invitation-preview.service';
import { SessionTokenIssuer } from './services/session-token-issuer';
import { GetOrganisationUseCase } from './use-cases/get-organisation/get-organisation.use-case';
import { GetProfileUseCase } from './use-cases/get-profile/get-profile.use-case';
import { InviteMemberUseCase } from './use-cases/invite-member/invite-member.use-case';
import { IssueInvitationLinkUseCase } from './use-cases/issue-invitation-link/issue-invitation-link.use-case';
import { ListMembershipsUseCase } from './use-cases/list-memberships/list-memberships.use-case';
import { ListOrganisationsUseCase } from './use-cases/list-organisations/list-organisations.use-case';
import { ListUsersUseCase } from './use-cases/list-users/list-users.use-case';
import { ListOrganisationPeopleUseCase } from './use-cases/list-organisation-people/list-organisation-people.use-case';
import { ChangeOrganisationRoleUseCase } from './use-cases/change-organisation-role/change-organisation-role.use-case';
import { RemoveFromOrganisationUseCase } from './use-cases/remove-from-organisation/remove-from-organisation.use-case';
import { PurgeExpiredCredentialsUseCase } from './use-cases/purge-expired-credentials/purge-expired-credentials.use-case';
import { RefreshSessionUseCase } from './use-cases/refresh-session/refresh-session.use-case';
import { RegisterUserUseCase } from './use-cases/register-user/register-user.use-case';
import { ResolveActorUseCase } from './use-cases/resolve-actor/resolve-actor.use-case';
import { SetMembershipUseCase } from './use-cases/set-membership/set-membership.use-case';
import { SetPlatformRolesUseCase } from './use-cases/set-platform-roles/set-platform-roles.use-case';
import { StartSessionUseCase } from './use-cases/start-session/start-session.use-case';
import { UpdateOrganisationUseCase } from './use-cases/update-organisation/update-organisation.use-case';
import { TwoFactorRepository } from './repositories/two-factor.repository';
import { ExpiredCredentialRepository } from './repositories/expired-credential.repository';
import { SecretCipher } from './two-factor/secret-cipher';
import { TwoFactorVerifier } from './two-factor/two-factor-verifier';
import { BeginSignInUseCase } from './use-cases/begin-sign-in/begin-sign-in.use-case';
import { CompleteMfaSignInUseCase } from './use-cases/complete-mfa-sign-in/complete-mfa-sign-in.use-case';
import { ConfirmTwoFactorEnrolmentUseCase } from './use-cases/confirm-two-factor-enrolment/confirm-two-factor-enrolment.use-case';
import { DisableTwoFactorUseCase } from './use-cases/disable-two-factor/disable-two-factor.use-case';
import { GetTwoFactorStatusUseCase } from './use-cases/get-two-factor-status/get-two-factor-status.use-case';
import { RegenerateRecoveryCodesUseCase } from './use-cases/regenerate-recovery-codes/regenerate-recovery-codes.use-case';
import { StartTwoFactorEnrolmentUseCase } from './use-cases/start-two-factor-enrolment/start-two-factor-enrolment.use-case';
import { SeedTwoFactorUseCase } from './use-cases/seed-two-factor/seed-two-factor.use-case';
import { IdentityHandlers } from './jobs/identity.handlers';

const useCases = [
  AcceptInvitationUseCase,
  AuthenticateUserUseCase,
  CreateOrganisationUseCase,
  EndSessionUseCase,
  GetInvitationUseCase,
  GetInvitationByIdUseCase,
  GetOrganisationUseCase,
  GetProfileUseCase,
  InviteMemberUseCase,
  IssueInvitationLinkUseCase,
  ListMembershipsUseCase,
  ListOrganisationsUseCase,
  ListUsersUseCase,
  ListOrganisationPeopleUseCase,
  ChangeOrganisationRoleUseCase,
  RemoveFromOrganisationUseCase,
  PurgeExpiredCredentialsUseCase,
  RefreshSessionUseCase,
  RegisterUserUseCase,
  ResolveActorUseCase,
  SetMembershipUseCase,
  SetPlatformRolesUseCase,
  StartSessionUseCase,
  UpdateOrganisationUseCase,
  // Account lifecycle.
  ChangePasswordUseCase,
  ListLoginSessionsUseCase,
  RevokeLoginSessionUseCase,
  RevokeOtherLoginSessionsUseCase,
  RequestEmailChangeUseCase,
  RequestEmailVerificationUseCase,
  RequestPasswordResetUseCase,
  ResetPasswordUseCase,
  SignUpUseCase,
  VerifyEmailUseCase,
  // Two-factor authentication
  BeginSignInUseCase,
  CompleteMfaSignInUseCase,
  ConfirmTwoFactorEnrolmentUseCase,
  DisableTwoFactorUseCase,
  GetTwoFactorStatusUseCase,
  RegenerateRecoveryCodesUseCase,
  StartTwoFactorEnrolmentUseCase,
  SeedTwoFactorUseCase,
];

/** Users, organisations, membership (adhésion), invitations and authentication. */
@Module({
  imports: [
    TypeOrmModule.forFeature(identityEntities),
    AuditModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        secret: config.get('JWT_ACCESS_SECRET', { infer: true }),
        signOptions: { algorithm: 'HS256', issuer: 'mutualis', audience: 'mutualis-api' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'mutualis', audience: 'mutualis-api' },
      }),
    }),
  ],
  providers: [
    IdentityHandlers,
    PasswordHasher,
    UserRepository,
    OrganisationRepository,
    OrganisationMemberRepository,
    MembershipRepository,
    InvitationRepository,
    RefreshTokenRepository,
    MembershipService,
    MembershipRollService,
    MembershipRollRepository,
    ImportedOrganisationsService,
    OrganisationAccessService,
    OrganisationDirectoryService,
    InvoiceableBuyerService,
    ContactDirectoryService,
    IdentityPersonalDataRepository,
    AccountTokenRepository,
    LoginSessionRepository,
    AccountLinkIssuer,
    AccountLinksService,
    VerifiedAccountService,
    TwoFactorRepository,
    ExpiredCredentialRepository,
    InvitationPreviewService,
    SessionTokenIssuer,
    SecretCipher,
    TwoFactorVerifier,
    ...useCases,
  ],
  exports: [
    ContactDirectoryService,
    MembershipService,
    MembershipRollService,
    ImportedOrganisationsService,
    OrganisationAccessService,
    OrganisationDirectoryService,
    InvoiceableBuyerService,
    AccountLinksService,
    VerifiedAccountService,
    JwtModule,
    IdentityPersonalDataRepository,
    ...useCases,
  ],
})
export class IdentityModule {}
