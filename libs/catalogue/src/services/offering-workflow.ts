import { CatalogueErrorCode, CatalogueException } from '../catalogue.exception';
import type { OfferingStatus } from '../catalogue.types';

export type OfferingAction = 'submit' | 'publish' | 'reject' | 'archive';

/** Who may take each step: the consultant who owns the offering, or the Chambre's admins. */
export type Moderator = 'owner' | 'admin';

interface Transition {
  from: OfferingStatus[];
  to: OfferingStatus;
  by: Moderator[];
}

/** draft → submitted → published | rejected (→ submitted again); anything but archived → archived. */
export const OFFERING_WORKFLOW: Record<OfferingAction, Transition> = {
  submit: { from: ['draft', 'rejected'], to: 'submitted', by: ['owner'] },
  publish: { from: ['submitted'], to: 'published', by: ['admin'] },
  reject: { from: ['submitted'], to: 'rejected', by: ['admin'] },
  archive: {
    from: ['draft', 'submitted', 'published', 'rejected'],
    to: 'archived',
    by: ['owner', 'admin'],
  },
};

/** The status after the action, or a conflict saying why it cannot be taken now. */
export function nextStatus(current: OfferingStatus, action: OfferingAction): OfferingStatus {
  const transition = OFFERING_WORKFLOW[action];
  if (!transition.from.includes(current)) {
    throw new CatalogueException(
      CatalogueErrorCode.InvalidTransition,
      `an offering that is ${current} cannot be ${transition.to}; only from: ${transition.from.join(', ')}`,
    );
  }
  return transition.to;
}

/** Consultants edit their offering while it is a draft, rejected, or published (prices go live at once). */
export const EDITABLE_STATUSES: OfferingStatus[] = ['draft', 'rejected', 'published'];
