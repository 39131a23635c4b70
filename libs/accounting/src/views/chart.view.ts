import type { AccountRole } from '../journal/entry-draft';

export interface ChartAccountView {
  role: AccountRole;
  /** The rate of a VAT account, in basis points (2000 for 20 %); null for other roles. */
  vatRateBasisPoints: number | null;
  number: string;
  label: string;
  updatedAt: string;
}
