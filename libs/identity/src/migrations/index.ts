import { CreateIdentity1795680000000 } from './1795680000000-create-identity';
import { PersonalDataErasure1796106000000 } from './1796106000000-personal-data-erasure';

export const identityMigrations = [CreateIdentity1795680000000, PersonalDataErasure1796106000000];
