import type { LifecycleStatus, TransmissionState } from '../transmission.types';

/** What `consulterCRDetaille` says of a deposited file (etatCourantDepotFlux). */
export type FlowVerdict = 'accepted' | 'rejected' | 'in_progress';

/**
 * The file's integration states. A flux E2 carries one invoice: integrated (IN_INTEGRE) it is
 * on Chorus Pro; partially integrated, rejected, incidented or irrecevable, its invoice is not.
 * Anything else (received, waiting, being processed, recevable, unknown) is still under way.
 */
export function flowVerdict(state: string | null | undefined): FlowVerdict {
  switch (state) {
    case 'IN_INTEGRE':
    case 'IN_TRAITE_SE_CPP':
      return 'accepted';
    case 'IN_REJETE':
    case 'IN_INCIDENTE':
    case 'IN_INTEGRE_PARTIEL':
    case 'QP_IRRECEVABLE':
      return 'rejected';
    default:
      return 'in_progress';
  }
}

/** How a Chorus Pro invoice status reads in our lifecycle, and what it does to the transmission. */
export interface MappedStatus {
  status: LifecycleStatus;
  /** The transmission's state once this status is known. */
  state: TransmissionState;
  /** Statuses that may come back (a second suspension) are recorded each time, at their time. */
  repeatable: boolean;
}

const FOLLOWING: TransmissionState = 'processing';

const INVOICE_STATUSES: Readonly<Record<string, MappedStatus>> = {
  DEPOSEE: { status: 'deposited', state: FOLLOWING, repeatable: false },
  MISE_A_DISPOSITION: { status: 'made_available', state: FOLLOWING, repeatable: false },
  SUSPENDUE: { status: 'suspended', state: FOLLOWING, repeatable: true },
  COMPLETEE: { status: 'completed', state: FOLLOWING, repeatable: true },
  // Service fait, mandated, made available to or booked by the public accountant: approved for
  // payment, recorded once, at the first of them.
  SERVICE_FAIT: { status: 'approved', state: FOLLOWING, repeatable: false },
  MANDATEE: { status: 'approved', state: FOLLOWING, repeatable: false },
  MISE_A_DISPOSITION_COMPTABLE: { status: 'approved', state: FOLLOWING, repeatable: false },
  COMPTABILISEE: { status: 'approved', state: FOLLOWING, repeatable: false },
  MISE_EN_PAIEMENT: { status: 'paid', state: 'completed', repeatable: false },
  REJETEE: { status: 'rejected', state: 'rejected', repeatable: false },
  // Sent back as addressed to the wrong structure or service: corrected like a rejection.
  A_RECYCLER: { status: 'rejected', state: 'rejected', repeatable: false },
};

/** Null for a status that says nothing to our lifecycle (EN_COURS_ACHEMINEMENT, unknown ones). */
export function mapInvoiceStatus(code: string): MappedStatus | null {
  return INVOICE_STATUSES[code] ?? null;
}
