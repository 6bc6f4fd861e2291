import type { TDetection } from '@/lib/detections/schema';

// Toasts for new detections, grouped: batches that arrive while the last
// toast is still on screen (within GROUP_MS of each other) update that toast
// instead of stacking a new one, so a burst of 50 shows one toast that counts.

export const GROUP_MS = 8_000;

export type TToastGroup = { id: number; total: number; blocked: number; review: number; lastAt: number };

/** The group a batch joins: the current one if recent and still shown, else a new one. */
export function nextToastGroup(current: TToastGroup | null, batch: readonly TDetection[], now: number): TToastGroup {
  const count = (decision: TDetection['decision']) => batch.filter((d) => d.decision === decision).length;
  const fresh = !current || now - current.lastAt > GROUP_MS;
  const base = fresh ? { id: (current?.id ?? 0) + 1, total: 0, blocked: 0, review: 0 } : current;
  return { id: base.id, total: base.total + batch.length, blocked: base.blocked + count('BLOCK'), review: base.review + count('REVIEW'), lastAt: now };
}

export function describeToastGroup(group: TToastGroup): { title: string; description: string; tone: 'error' | 'warning' | 'success' } {
  const title = group.total === 1 ? '1 new detection' : `${group.total.toLocaleString('en-US')} new detections`;
  const parts = [group.blocked > 0 ? `${group.blocked} blocked` : '', group.review > 0 ? `${group.review} to review` : ''].filter(Boolean);
  // A blocked payment is the stronger toast: it may be an attack under way.
  if (group.blocked > 0) return { title, description: parts.join(', '), tone: 'error' };
  if (group.review > 0) return { title, description: parts.join(', '), tone: 'warning' };
  return { title, description: group.total === 1 ? 'Allowed' : 'All allowed', tone: 'success' };
}
