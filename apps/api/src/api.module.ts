import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import {
  CoreConfigModule,
  DatabaseModule,
  Environment,
  LoggingModule,
  OutboxModule,
  QueueModule,
  ReadinessService,
  RedisModule,
  AuditModule,
} from '@mutualis/core';
import { AccountingModule } from '@mutualis/accounting';
import { BookingModule } from '@mutualis/booking';
import { CatalogueModule } from '@mutualis/catalogue';
import { BookingsController } from './booking/bookings.controller';
import { SessionsController } from './booking/sessions.controller';
import { IdentityModule } from '@mutualis/identity';
import { InvoicingModule } from '@mutualis/invoicing';
import { NotificationsModule } from '@mutualis/notifications';
import { PaymentsModule } from '@mutualis/payments';
import { MembershipModule } from '@mutualis/membership';
import { TrainingModule } from '@mutualis/training';
import { trainingControllers } from './training/training-controllers';
import { PrivacyModule } from '@mutualis/privacy';
import { ReconciliationModule } from '@mutualis/reconciliation';
import { NotificationDeliveriesController } from './notifications/notification-deliveries.controller';
import { NotificationPreferencesController } from './notifications/notification-preferences.controller';
import { FinanceController } from './reconciliation/finance.controller';
import { MemberImportsController } from './membership/member-imports.controller';
import { AccountingController } from './accounting/accounting.controller';
import { FinanceJournalController } from './accounting/finance-journal.controller';
import { AccountingExportsController } from './accounting/accounting-exports.controller';
import { PaymentsController } from './payments/payments.controller';
import { MembershipCampaignsController } from './membership/membership-campaigns.controller';
import { MembershipCancellationsController } from './membership/membership-cancellations.controller';
import { InvoicesController } from './invoicing/invoices.controller';
import { FeeSchedulesController } from './membership/fee-schedules.controller';
import { MembershipApplicationsController } from './membership/membership-applications.controller';
import { InvoiceTransmissionsController } from './invoicing/invoice-transmissions.controller';
import { CatalogueController } from './catalogue/catalogue.controller';
import { OfferingsController } from './catalogue/offerings.controller';
import { ScheduleController } from './catalogue/schedule.controller';
import { QueueDashboard } from './admin/queue-dashboard';
import { HealthController } from './health/health.controller';
import { JwtAuthGuard } from './http/auth/jwt-auth.guard';
import { JwtStrategy } from './http/auth/jwt.strategy';
import { LocalStrategy } from './http/auth/local.strategy';
import { RolesGuard } from './http/auth/roles.guard';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { LoginConcurrencyGuard } from './http/rate-limit/login-concurrency.guard';
import { RateLimitGuard, rateLimitThrottlers } from './http/rate-limit/rate-limit';
import { AccountController } from './identity/account.controller';
import { AuthController } from './identity/auth.controller';
import { InvitationsController } from './identity/invitations.controller';
import { MeController } from './identity/me.controller';
import { OrganisationsController } from './identity/organisations.controller';
import { UsersController } from './identity/users.controller';
import { PersonalDataController } from './privacy/personal-data.controller';
import { AuditController } from './admin/audit.controller';
import { AuditContextInterceptor } from './http/audit-context.interceptor';
import { TwoFactorController } from './identity/two-factor.controller';

@Module({
  imports: [
    CoreConfigModule,
    LoggingModule,
    DatabaseModule,
    RedisModule,
    PassportModule,
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        throttlers: rateLimitThrottlers({
          loginMax: config.get('RATE_LIMIT_LOGIN_MAX', { infer: true }),
          loginWindowSeconds: config.get('RATE_LIMIT_LOGIN_WINDOW_SECONDS', { infer: true }),
          loginAddressMax: config.get('RATE_LIMIT_LOGIN_ADDRESS_MAX', { infer: true }),
          loginAddressWindowSeconds: config.get('RATE_LIMIT_LOGIN_ADDRESS_WINDOW_SECONDS', {
            infer: true,
          }),
          registerMax: config.get('RATE_LIMIT_REGISTER_MAX', { infer: true }),
          registerWindowSeconds: config.get('RATE_LIMIT_REGISTER_WINDOW_SECONDS', { infer: true }),
          registerEmailMax: config.get('RATE_LIMIT_REGISTER_EMAIL_MAX', { infer: true }),
          passwordResetMax: config.get('RATE_LIMIT_PASSWORD_RESET_MAX', { infer: true }),
          passwordResetEmailMax: config.get('RATE_LIMIT_PASSWORD_RESET_EMAIL_MAX', { infer: true }),
          passwordResetWindowSeconds: config.get('RATE_LIMIT_PASSWORD_RESET_WINDOW_SECONDS', {
            infer: true,
          }),
        }),
        // Counters live in Redis so every api replica shares them; the storage owns (and closes) its connection.
        storage: new ThrottlerStorageRedisService(config.get('REDIS_URL', { infer: true }), {
          keyPrefix: `${config.get('REDIS_PREFIX', { infer: true })}:rate:`,
          maxRetriesPerRequest: 3,
        }),
      }),
    }),
    IdentityModule,
    CatalogueModule,
    BookingModule,
    InvoicingModule,
    PaymentsModule,
    MembershipModule,
    TrainingModule,
    NotificationsModule,
    ReconciliationModule,
    AccountingModule,
    PrivacyModule,
    OutboxModule,
    QueueModule,
    AuditModule,
  ],
  controllers: [
    HealthController,
    AuthController,
    MeController,
    OrganisationsController,
    InvitationsController,
    UsersController,
    AccountController,
    TwoFactorController,
    CatalogueController,
    OfferingsController,
    ScheduleController,
    BookingsController,
    SessionsController,
    InvoicesController,
    InvoiceTransmissionsController,
    PaymentsController,
    FeeSchedulesController,
    MembershipApplicationsController,
    MembershipCampaignsController,
    MembershipCancellationsController,
    NotificationPreferencesController,
    NotificationDeliveriesController,
    FinanceController,
    AccountingController,
    FinanceJournalController,
    AccountingExportsController,
    PersonalDataController,
    AuditController,
    MemberImportsController,
    ...trainingControllers,
  ],
  providers: [
    ReadinessService,
    QueueDashboard,
    LocalStrategy,
    JwtStrategy,
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    // Order matters: throttle before checking credentials, authenticate before checking roles.
    { provide: APP_GUARD, useClass: LoginConcurrencyGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditContextInterceptor },
  ],
})
export class ApiModule {}
