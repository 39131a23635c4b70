import { CreateIdentity1795680000000 } from './1795680000000-create-identity';
import { AccountLifecycle1796104000000 } from './1796104000000-account-lifecycle';

export const identityMigrations = [CreateIdentity1795680000000, AccountLifecycle1796104000000];
