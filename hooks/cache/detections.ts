import { detectionMatchesFilters } from '@/lib/detections/filters-match';
import type { TDetection } from '@/lib/detections/schema';
import type { TDetectionFilters } from '../query-keys';
import type { TDetectionsPage } from '../query-options';

// How stream events change a cached page of detections (newest first). Pure,
// free of React and of the QueryClient: ./write.ts applies them to the cache.

/** The table shows the newest rows; older ones are a page fetch away. */
export const MAX_LIVE_ROWS = 200;
/**
 * Once "Load more" was used the list keeps the rows the user asked for, and
 * live rows on top of them, up to this many (or as many as were loaded):
 * rows someone is reading do not vanish under them, and a tab left open
 * under attack still stays bounded.
 */
export const MAX_EXTENDED_ROWS = 2_000;

/** The rows of a batch that the page does not show yet: the ones to toast and notify. */
export function unseenDetections(page: TDetectionsPage | undefined, rows: readonly TDetection[]): TDetection[] {
  const known = new Set(page?.detections.map((d) => d.id));
  return rows.filter((d) => !known.has(d.id));
}

/**
 * new_detections: puts a batch (oldest first, as streamed) on top of a
 * newest-first page, keeping only the rows the page's filters would list
 * (the same predicate as the API's SQL). With no filter, every row.
 */
export function applyNewDetections(page: TDetectionsPage, batchOldestFirst: readonly TDetection[], filters: Partial<TDetectionFilters>): TDetectionsPage {
  const present = new Set(page.detections.map((d) => d.id));
  const fresh = batchOldestFirst.filter((d) => !present.has(d.id) && detectionMatchesFilters(d, filters)).reverse();
  if (fresh.length === 0) return page;
  // A batch can repeat a row (the stream may resume a little early): dedupe within it too.
  const seen = new Set<string>();
  const unique = fresh.filter((d) => (seen.has(d.id) ? false : (seen.add(d.id), true)));
  return bounded({ ...page, detections: [...unique, ...page.detections] });
}

/**
 * At most MAX_LIVE_ROWS (keepRows once extended). When rows are
 * dropped from the end, nextCursor would skip them: "Load more" resumes from
 * the last row kept instead (resumeBefore).
 */
function bounded(page: TDetectionsPage): TDetectionsPage {
  const max = page.keepRows ?? MAX_LIVE_ROWS;
  if (page.detections.length <= max) return page;
  const kept = page.detections.slice(0, max);
  return { ...page, detections: kept, nextCursor: null, resumeBefore: kept[kept.length - 1].createdAt };
}

/**
 * "Load more": an older page appended to the list. Rows already listed (a
 * live row that also came back in the page) are skipped, and the list's
 * continuation becomes the older page's.
 */
export function appendOlderDetections(page: TDetectionsPage, older: Pick<TDetectionsPage, 'detections' | 'nextCursor'>): TDetectionsPage {
  const present = new Set(page.detections.map((d) => d.id));
  const added = older.detections.filter((d) => (present.has(d.id) ? false : (present.add(d.id), true)));
  const detections = [...page.detections, ...added];
  // Rows asked for are never dropped by the asking: the bound grows with them.
  const keepRows = Math.max(MAX_EXTENDED_ROWS, detections.length);
  return { ...page, detections, nextCursor: older.nextCursor, resumeBefore: undefined, keepRows };
}

/** detection_updated: replaces rows by id; rows not on the page are ignored. */
export function applyDetectionUpdates(page: TDetectionsPage, updated: readonly TDetection[]): TDetectionsPage {
  const byId = new Map(updated.map((d) => [d.id, d]));
  if (!page.detections.some((d) => byId.has(d.id))) return page;
  return { ...page, detections: page.detections.map((d) => byId.get(d.id) ?? d) };
}
