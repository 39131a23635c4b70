import { Module } from '@nestjs/common';
import { CoreConfigModule, DatabaseModule, OutboxModule } from '@mutualis/core';
import { CatalogueModule } from '@mutualis/catalogue';
import { IdentityModule } from '@mutualis/identity';
import { CatalogueSeeder } from './catalogue.seeder';
import { DemoSeeder } from './demo.seeder';

/** Just enough of the api to seed demo data through the real use cases. */
@Module({
  imports: [CoreConfigModule, DatabaseModule, OutboxModule, IdentityModule, CatalogueModule],
  providers: [DemoSeeder, CatalogueSeeder],
})
export class DemoModule {}
