import { Test, TestingModule } from '@nestjs/testing';
import { BookingJobs } from '@mutualis/booking';
import { CatalogueJobs } from '@mutualis/catalogue';
import { CoreJobs, HandlerRegistry, QueueName } from '@mutualis/core';
import { IdentityJobs } from '@mutualis/identity';
import { InvoicingJobs } from '@mutualis/invoicing';
import { MembershipJobs } from '@mutualis/membership';
import { NotificationsJobs } from '@mutualis/notifications';
import { PrivacyJobs } from '@mutualis/privacy';
import { TrainingJobs } from '@mutualis/training';
import { WorkerModule } from './worker.module';

describe('the worker module', () => {
  let moduleRef: TestingModule;

  // Compiled, not started: a started worker would relay and consume the whole run's events.
  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
  });

  afterAll(() => moduleRef?.close());

  it('passes the start-up check: one handler for every routed event and every job', () => {
    const registry = moduleRef.get(HandlerRegistry);
    expect(() => registry.onModuleInit()).not.toThrow();
    expect(
      registry
        .schedules()
        .map((schedule) => `${schedule.queue}:${schedule.name}`)
        .sort(),
    ).toEqual([
      `${QueueName.Booking}:${BookingJobs.SweepExpired}`,
      `${QueueName.Invoicing}:${InvoicingJobs.RenderMissingPdfs}`,
      `${QueueName.Invoicing}:${InvoicingJobs.ResumeTransmissions}`,
      `${QueueName.Maintenance}:${CatalogueJobs.CompletePastSessions}`,
      `${QueueName.Maintenance}:${CoreJobs.PurgeDeliveredRecords}`,
      `${QueueName.Maintenance}:${IdentityJobs.PurgeExpiredCredentials}`,
      `${QueueName.Maintenance}:${PrivacyJobs.PurgeExpiredPersonalData}`,
      `${QueueName.Membership}:${MembershipJobs.LapseUnpaid}`,
      `${QueueName.Notifications}:${NotificationsJobs.AttendeeLists}`,
      `${QueueName.Notifications}:${NotificationsJobs.RebuildSchedules}`,
      `${QueueName.Notifications}:${NotificationsJobs.RequeueStale}`,
      `${QueueName.Training}:${TrainingJobs.CompleteEndedSessions}`,
    ]);
  });
});
