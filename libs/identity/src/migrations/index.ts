import { CreateIdentity1795680000000 } from './1795680000000-create-identity';
import { NormaliseEmails1796101000000 } from './1796101000000-normalise-emails';
import { InvitationQuotasAndMailLinks1796101100000 } from './1796101100000-invitation-quotas-and-mail-links';
import { AccountLifecycle1796104000000 } from './1796104000000-account-lifecycle';
import { CreateTwoFactor1796105000000 } from './1796105000000-create-two-factor';
import { PersonalDataErasure1796106000000 } from './1796106000000-personal-data-erasure';
import { ValidVatNumbers1796204000000 } from './1796204000000-valid-vat-numbers';
import { VatRegisteredAndChorusStructure1796205400000 } from './1796205400000-vat-registered-and-chorus-structure';
import { MembershipCancelled1796206200000 } from './1796206200000-membership-cancelled';
import { MembershipRollIndexes1796206300000 } from './1796206300000-membership-roll-indexes';
import { OrganisationsWithoutSiret1796206400000 } from './1796206400000-organisations-without-siret';

export const identityMigrations = [
  CreateIdentity1795680000000,
  NormaliseEmails1796101000000,
  InvitationQuotasAndMailLinks1796101100000,
  AccountLifecycle1796104000000,
  CreateTwoFactor1796105000000,
  PersonalDataErasure1796106000000,
  ValidVatNumbers1796204000000,
  VatRegisteredAndChorusStructure1796205400000,
  MembershipCancelled1796206200000,
  MembershipRollIndexes1796206300000,
  OrganisationsWithoutSiret1796206400000,
];
