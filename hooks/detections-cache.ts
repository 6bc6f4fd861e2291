import type { TDetection } from '@/lib/detections/schema';
import type { TDetectionFilters, TDetectionsPage } from './query-options';

// Pure helpers behind useRealtimeDetections: how a stream batch changes a
// cached page. Kept free of React so they are unit-tested on their own.

/** The table shows the newest rows; older ones are a page fetch away. */
export const MAX_LIVE_ROWS = 200;

/** Puts a batch (oldest first, as streamed) on top of a newest-first page. */
export function prependDetections(
  page: TDetectionsPage,
  batchOldestFirst: readonly TDetection[],
  filters: Pick<TDetectionFilters, 'decision'>,
): TDetectionsPage {
  const present = new Set(page.detections.map((d) => d.id));
  const fresh = batchOldestFirst
    .filter((d) => !present.has(d.id) && (!filters.decision || d.decision === filters.decision))
    .reverse();
  if (fresh.length === 0) return page;
  // A batch can repeat a row (the stream may resume a little early): dedupe within it too.
  const seen = new Set<string>();
  const unique = fresh.filter((d) => (seen.has(d.id) ? false : (seen.add(d.id), true)));
  return { ...page, detections: [...unique, ...page.detections].slice(0, MAX_LIVE_ROWS) };
}

/** Replaces rows by id (detection_updated); rows not on the page are ignored. */
export function upsertDetections(page: TDetectionsPage, updated: readonly TDetection[]): TDetectionsPage {
  const byId = new Map(updated.map((d) => [d.id, d]));
  if (!page.detections.some((d) => byId.has(d.id))) return page;
  return { ...page, detections: page.detections.map((d) => byId.get(d.id) ?? d) };
}

/** Stream cursors are "<txId>-<seq>"; compares them so a cursor never moves back. */
export function compareCursors(a: string, b: string): number {
  const [ta, sa] = a.split('-').map((part) => BigInt(part));
  const [tb, sb] = b.split('-').map((part) => BigInt(part));
  if (ta !== tb) return ta < tb ? -1 : 1;
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}

export function laterCursor(current: string | null, candidate: string): string {
  if (!/^\d+-\d+$/.test(candidate)) return current ?? candidate;
  return current === null || compareCursors(candidate, current) > 0 ? candidate : current;
}

export function describeBatch(batch: readonly TDetection[]): { title: string; description?: string; tone: 'warning' | 'info' | 'success' } {
  const count = (decision: TDetection['decision']) => batch.filter((d) => d.decision === decision).length;
  const blocked = count('BLOCK');
  const review = count('REVIEW');
  const title = batch.length === 1 ? '1 new detection' : `${batch.length} new detections`;
  const parts = [blocked > 0 ? `${blocked} blocked` : '', review > 0 ? `${review} to review` : ''].filter(Boolean);
  if (blocked > 0) return { title, description: parts.join(', '), tone: 'warning' };
  if (review > 0) return { title, description: parts.join(', '), tone: 'info' };
  return { title, description: batch.length === 1 ? 'Allowed' : 'All allowed', tone: 'success' };
}
