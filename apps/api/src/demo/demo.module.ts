import { Module } from '@nestjs/common';
import { CoreConfigModule, DatabaseModule } from '@mutualis/core';
import { IdentityModule } from '@mutualis/identity';
import { DemoSeeder } from './demo.seeder';

/** Just enough of the api to seed demo data through the real use cases. */
@Module({
  imports: [CoreConfigModule, DatabaseModule, IdentityModule],
  providers: [DemoSeeder],
})
export class DemoModule {}
