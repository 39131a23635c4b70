import { CreateCatalogue1795680100000 } from './1795680100000-create-catalogue';
import { IndexSessionsByStart1795680650000 } from './1795680650000-index-sessions-by-start';
import { CreateOfferingRevisions1796102100000 } from './1796102100000-create-offering-revisions';
import { OfferingVatRegimes1796202000000 } from './1796202000000-offering-vat-regimes';
import { OfferingPedagogy1796207500000 } from './1796207500000-offering-pedagogy';

export const catalogueMigrations = [
  CreateCatalogue1795680100000,
  IndexSessionsByStart1795680650000,
  CreateOfferingRevisions1796102100000,
  OfferingVatRegimes1796202000000,
  OfferingPedagogy1796207500000,
];
