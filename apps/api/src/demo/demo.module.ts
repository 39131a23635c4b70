import { Module } from '@nestjs/common';
import { CoreConfigModule, DatabaseModule, OutboxModule } from '@mutualis/core';
import { BookingModule } from '@mutualis/booking';
import { CatalogueModule } from '@mutualis/catalogue';
import { BookingSeeder } from './booking.seeder';
import { IdentityModule } from '@mutualis/identity';
import { InvoicingModule } from '@mutualis/invoicing';
import { MembershipModule } from '@mutualis/membership';
import { TrainingModule } from '@mutualis/training';
import { CatalogueSeeder } from './catalogue.seeder';
import { DemoSeeder } from './demo.seeder';
import { DemoTime } from './demo-time';
import { MembershipSeeder } from './membership.seeder';
import { TrainingSeeder } from './training.seeder';

/** Just enough of the api to seed demo data through the real use cases. */
@Module({
  imports: [
    CoreConfigModule,
    DatabaseModule,
    OutboxModule,
    IdentityModule,
    CatalogueModule,
    BookingModule,
    InvoicingModule,
    MembershipModule,
    TrainingModule,
  ],
  providers: [
    DemoSeeder,
    CatalogueSeeder,
    BookingSeeder,
    MembershipSeeder,
    TrainingSeeder,
    DemoTime,
  ],
})
export class DemoModule {}
