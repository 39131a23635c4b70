import type { BadgeTone } from '../../components/StatusBadge';
import type { Offering } from './types';

export type OfferingStatus = Offering['status'];

/** The badge tone of each status, so that a rejection stands out in a list. */
export const OFFERING_TONES: Record<OfferingStatus, BadgeTone> = {
  draft: 'neutral',
  submitted: 'warn',
  published: 'ok',
  rejected: 'danger',
  archived: 'neutral',
};

/** What the api lets the owner do in each status (libs/catalogue offering-workflow). */
export function ownerActions(status: OfferingStatus): {
  edit: boolean;
  submit: boolean;
  archive: boolean;
} {
  return {
    edit: status === 'draft' || status === 'rejected' || status === 'published',
    submit: status === 'draft' || status === 'rejected',
    archive: status !== 'archived',
  };
}
