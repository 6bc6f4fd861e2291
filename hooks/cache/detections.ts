import type { TDetection } from '@/lib/detections/schema';
import type { TDetectionFilters } from '../query-keys';
import type { TDetectionsPage } from '../query-options';

// How stream events change a cached page of detections (newest first). Pure,
// free of React and of the QueryClient: ./write.ts applies them to the cache.

/** The table shows the newest rows; older ones are a page fetch away. */
export const MAX_LIVE_ROWS = 200;

/** The rows of a batch that the page does not show yet: the ones to toast and notify. */
export function unseenDetections(page: TDetectionsPage | undefined, rows: readonly TDetection[]): TDetection[] {
  const known = new Set(page?.detections.map((d) => d.id));
  return rows.filter((d) => !known.has(d.id));
}

/** new_detections: puts a batch (oldest first, as streamed) on top of a newest-first page. */
export function applyNewDetections(
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

/** detection_updated: replaces rows by id; rows not on the page are ignored. */
export function applyDetectionUpdates(page: TDetectionsPage, updated: readonly TDetection[]): TDetectionsPage {
  const byId = new Map(updated.map((d) => [d.id, d]));
  if (!page.detections.some((d) => byId.has(d.id))) return page;
  return { ...page, detections: page.detections.map((d) => byId.get(d.id) ?? d) };
}
