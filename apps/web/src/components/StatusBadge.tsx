import type { ReactNode } from 'react';

/** How loud a status is: fine, needs attention, gone wrong, or merely a fact. */
export type BadgeTone = 'neutral' | 'ok' | 'warn' | 'danger';

const CLASS_OF_TONE: Record<BadgeTone, string> = {
  neutral: 'badge',
  ok: 'badge badge-ok',
  warn: 'badge badge-warn',
  danger: 'badge badge-danger',
};

/**
 * The one badge of the app: a status in words (never by colour alone) with its tone. Each
 * domain keeps its own map from status to tone beside its labels (`BOOKING_TONES`, …).
 */
export function StatusBadge({
  tone = 'neutral',
  children,
}: {
  tone?: BadgeTone;
  children: ReactNode;
}) {
  return <span className={CLASS_OF_TONE[tone]}>{children}</span>;
}
