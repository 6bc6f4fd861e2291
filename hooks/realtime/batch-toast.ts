import type { useTranslations } from 'next-intl';
import type { TDetection } from '@/lib/detections/schema';

// Which new detections a fraud team is told about in a toast, and how.
// Routine traffic (ALLOW) never toasts: it is the table's job, and a toast for
// every sale buries the ones that matter. REVIEW and BLOCK are grouped: batches
// that arrive while the last toast is still relevant (within GROUP_MS of each
// other) update that toast's counts instead of stacking a new one, and the
// toast is redrawn at most once per TOAST_UPDATE_MS however fast they come.

export const GROUP_MS = 8_000;
export const TOAST_UPDATE_MS = 1_000;

export type TToastGroup = { id: number; blocked: number; review: number; lastAt: number };
export type TToastText = { title: string; description: string; tone: 'error' | 'warning' };

/** The toast's words ("dashboard.toast" of the catalogs), in the reader's language. */
export type TToastWords = ReturnType<typeof useTranslations<'dashboard.toast'>>;

/**
 * The group after a batch: unchanged (the same object) when the batch holds
 * nothing to tell, the current one with more counts when it is recent, else a
 * new one.
 */
export function nextToastGroup(current: TToastGroup | null, batch: readonly Pick<TDetection, 'decision'>[], now: number): TToastGroup | null {
  let blocked = 0;
  let review = 0;
  for (const d of batch) {
    if (d.decision === 'BLOCK') blocked += 1;
    else if (d.decision === 'REVIEW') review += 1;
  }
  if (blocked + review === 0) return current;
  const fresh = !current || now - current.lastAt > GROUP_MS;
  const base = fresh ? { id: (current?.id ?? 0) + 1, blocked: 0, review: 0 } : current;
  return { id: base.id, blocked: base.blocked + blocked, review: base.review + review, lastAt: now };
}

export function describeToastGroup(group: TToastGroup, t: TToastWords): TToastText {
  const { blocked, review } = group;
  // A blocked payment is the stronger toast: it may be an attack under way.
  if (blocked > 0 && review > 0) return { title: t('flagged', { count: blocked + review }), description: t('flaggedSplit', { blocked, review }), tone: 'error' };
  if (blocked > 0) return { title: t('blocked', { count: blocked }), description: t('blockedHint'), tone: 'error' };
  return { title: t('review', { count: review }), description: t('reviewHint'), tone: 'warning' };
}

/** How long to wait before drawing a changed toast: at once if the last draw is old enough, else when it is. */
export function toastRedrawDelayMs(lastDrawnAt: number | null, now: number, minIntervalMs = TOAST_UPDATE_MS): number {
  return lastDrawnAt === null ? 0 : Math.max(0, lastDrawnAt + minIntervalMs - now);
}
