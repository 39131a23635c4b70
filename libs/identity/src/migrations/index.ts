import { CreateIdentity1795680000000 } from './1795680000000-create-identity';
import { CreateTwoFactor1796105000000 } from './1796105000000-create-two-factor';

export const identityMigrations = [CreateIdentity1795680000000, CreateTwoFactor1796105000000];
