import type { InfiniteData } from '@tanstack/react-query';
import type { TDetection } from '@/lib/detections/schema';
import { isPendingReview, type TReviewQueuePage } from '@/lib/reviews/schema';

// How live changes (new_detections, detection_updated, this tab's own reviews)
// move the cached review queue (useInfiniteQuery pages, newest first). Free of
// React and of the QueryClient: ./write.ts applies it to the cache. Pure but
// for `settled`, the memory of reviewed ids that the caller hands in.

export type TReviewQueueData = InfiniteData<TReviewQueuePage, string | null>;
export type TReviewQueueChanges = { added?: readonly TDetection[]; updated?: readonly TDetection[] };

/** Ids remembered as reviewed, so a late or repeated event cannot count or show them twice. */
export const MAX_SETTLED_IDS = 2_000;

function remember(settled: Set<string>, id: string): void {
  settled.delete(id);
  settled.add(id);
  if (settled.size > MAX_SETTLED_IDS) settled.delete(settled.values().next().value!);
}

/**
 * Applies new detections (`added`, a stream batch: oldest first) and changed
 * ones (`updated`, e.g. reviews by anyone) to the queue. A new pending
 * detection goes on top; one no longer pending leaves; `count` follows.
 * Returns `data` itself when nothing changes, so React Query keeps its reference.
 *
 * The count is exact for rows the cache holds. A review of a row beyond the
 * loaded pages is counted once (`settled` remembers it); the periodic refetch
 * corrects any drift left (e.g. an event for a review older than the fetch).
 */
export function applyQueueChanges(data: TReviewQueueData, changes: TReviewQueueChanges, settled: Set<string>): TReviewQueueData {
  if (data.pages.length === 0) return data;
  const present = new Set(data.pages.flatMap((p) => p.detections.map((d) => d.id)));
  const hasMore = data.pages.at(-1)?.nextCursor != null;
  const gone = new Set<string>();
  const replaced = new Map<string, TDetection>();
  let delta = 0;

  for (const d of changes.updated ?? []) {
    if (isPendingReview(d)) {
      if (present.has(d.id)) replaced.set(d.id, d);
      continue;
    }
    if (present.has(d.id)) {
      if (!gone.has(d.id)) delta -= 1;
      gone.add(d.id);
    } else if (hasMore && d.review !== null && !settled.has(d.id)) {
      delta -= 1; // reviewed somewhere in the pages not loaded yet
    }
    remember(settled, d.id);
  }

  const fresh: TDetection[] = [];
  for (const d of [...(changes.added ?? [])].reverse()) {
    if (!isPendingReview(d) || present.has(d.id) || settled.has(d.id)) continue;
    present.add(d.id);
    fresh.push(d);
  }
  // Stable: rows of one transaction share createdAt and keep the batch's order.
  fresh.sort((x, y) => Date.parse(y.createdAt) - Date.parse(x.createdAt));
  delta += fresh.length;

  if (gone.size === 0 && replaced.size === 0 && fresh.length === 0 && delta === 0) return data;

  const pages = data.pages.map((page, i) => {
    const kept = page.detections.filter((d) => !gone.has(d.id)).map((d) => replaced.get(d.id) ?? d);
    return { ...page, detections: i === 0 ? [...fresh, ...kept] : kept };
  });
  const loaded = pages.reduce((n, p) => n + p.detections.length, 0);
  pages[0] = { ...pages[0], count: Math.max(loaded, pages[0].count + delta) };
  return { ...data, pages };
}

/** Every pending row of the loaded pages, once (a page fetched after a live insert may repeat a row). */
export function queueRows(data: Pick<TReviewQueueData, 'pages'> | undefined): TDetection[] {
  const seen = new Set<string>();
  const rows: TDetection[] = [];
  for (const page of data?.pages ?? []) {
    for (const d of page.detections) {
      if (seen.has(d.id)) continue;
      seen.add(d.id);
      rows.push(d);
    }
  }
  return rows;
}
