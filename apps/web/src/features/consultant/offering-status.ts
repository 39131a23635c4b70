import type { Offering } from './offering-form';

export type OfferingStatus = Offering['status'];

/** The badge colour of each status, so that a rejection stands out in a list. */
export const STATUS_BADGE: Record<OfferingStatus, string> = {
  draft: 'badge',
  submitted: 'badge badge-warn',
  published: 'badge badge-ok',
  rejected: 'badge badge-danger',
  archived: 'badge',
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
