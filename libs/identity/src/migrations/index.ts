import { CreateIdentity1795680000000 } from './1795680000000-create-identity';

export const identityMigrations = [CreateIdentity1795680000000];
