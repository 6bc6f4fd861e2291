import type { QueryClient } from '@tanstack/react-query';
import type { TAttack } from '@/lib/attacks/schema';
import type { TDetection } from '@/lib/detections/schema';
import { detectionKeys, reviewKeys, warRoomKeys } from '../query-keys';
import { detectionsQueryOptions, type TDetectionsPage } from '../query-options';
import { applyDetectionUpdates, applyNewDetections, unseenDetections } from './detections';
import { applyQueueChanges, type TReviewQueueChanges, type TReviewQueueData } from './review-queue';
import { applyAttackEvent, attackTimelineEntry, prependTimelineEntry, type TAttackPhase, type TTimelineEntry } from './war-room';

// The pure functions of this folder applied to a QueryClient: the one place
// where live changes (stream events, this tab's own reviews and blocks) are
// written into the React Query cache instead of refetched.

/** Every cached page of the org's detections, whatever its filters. Only pages already loaded: one still loading will include the rows itself. */
function updatePages(queryClient: QueryClient, orgId: string, update: (page: TDetectionsPage, filters: ReturnType<typeof detectionKeys.filtersOf>) => TDetectionsPage) {
  for (const [key] of queryClient.getQueriesData<TDetectionsPage>({ queryKey: detectionKeys.all(orgId) })) {
    queryClient.setQueryData<TDetectionsPage>(key, (old) => old && update(old, detectionKeys.filtersOf(key)));
  }
}

/** new_detections into every page; returns the rows the first page did not show yet (the ones to announce). */
export function writeNewDetections(queryClient: QueryClient, orgId: string, rows: readonly TDetection[]): TDetection[] {
  const fresh = unseenDetections(queryClient.getQueryData(detectionsQueryOptions(orgId).queryKey), rows);
  if (fresh.length > 0) updatePages(queryClient, orgId, (page, filters) => applyNewDetections(page, fresh, filters));
  return fresh;
}

/** detection_updated (or this tab's review) into every page. */
export function writeDetectionUpdates(queryClient: QueryClient, orgId: string, rows: readonly TDetection[]): void {
  updatePages(queryClient, orgId, (page) => applyDetectionUpdates(page, rows));
}

// Per query client and org: ids already reviewed, so a stream echo of a
// review this tab applied (or a late arrival) is not counted twice.
const settledIds = new WeakMap<QueryClient, Map<string, Set<string>>>();
function settledFor(queryClient: QueryClient, orgId: string): Set<string> {
  let byOrg = settledIds.get(queryClient);
  if (!byOrg) settledIds.set(queryClient, (byOrg = new Map()));
  let ids = byOrg.get(orgId);
  if (!ids) byOrg.set(orgId, (ids = new Set()));
  return ids;
}

/**
 * Live changes into the cached review queue: `added` are new detections (a
 * stream batch, oldest first; any decision, only pending REVIEW ones enter),
 * `updated` are changed ones (reviewed ones leave). Pass whole batches: rows
 * already queued are skipped.
 */
export function writeQueueChanges(queryClient: QueryClient, orgId: string, changes: TReviewQueueChanges): void {
  if (!changes.added?.length && !changes.updated?.length) return;
  const settled = settledFor(queryClient, orgId);
  queryClient.setQueryData<TReviewQueueData>(reviewKeys.queue(orgId), (old) => old && applyQueueChanges(old, changes, settled));
}

export function writeTimelineEntry(queryClient: QueryClient, orgId: string, entry: TTimelineEntry): void {
  queryClient.setQueryData<TTimelineEntry[]>(warRoomKeys.timeline(orgId), (old = []) => prependTimelineEntry(old, entry));
}

/** attack_started / attack_updated / attack_ended: the open incident and the timeline. */
export function writeAttackEvent(queryClient: QueryClient, orgId: string, attack: TAttack, phase: TAttackPhase, at = Date.now()): void {
  queryClient.setQueryData(warRoomKeys.attack(orgId), applyAttackEvent(attack, phase));
  const entry = attackTimelineEntry(attack, phase, at);
  if (entry) writeTimelineEntry(queryClient, orgId, entry);
}
