import { catalogueMigrations } from '@mutualis/catalogue';
import { identityMigrations } from '@mutualis/identity';

/** Every context's migrations, applied in timestamp order by the migrator. */
export const allMigrations = [...identityMigrations, ...catalogueMigrations];
