import { Actor, hasRole } from '@mutualis/identity';
import { CatalogueErrorCode, CatalogueException } from '../catalogue.exception';

/** Consultant-only operations refuse everyone without the consultant role. */
export function assertConsultant(actor: Actor): void {
  if (!hasRole(actor, 'consultant')) {
    throw new CatalogueException(CatalogueErrorCode.NotAConsultant, 'only consultants may do this');
  }
}
