import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TAttack } from '@/lib/attacks/schema';
import type { TDetection } from '@/lib/detections/schema';
import { makeDetection } from '@/lib/detections/test-fixtures';
import type { TReviewQueueData } from '../cache/review-queue';
import { detectionKeys, reviewKeys, statsKeys, warRoomKeys } from '../query-keys';
import { DEFAULT_DETECTION_FILTERS, type TDetectionsPage } from '../query-options';
import { createStreamCaches } from './stream-caches';

// The stream's events against a real QueryClient (no React): which caches
// each one writes, and what it only asks to refetch.

const ORG = 'org-1';
const detection = (id: string, decision: TDetection['decision'] = 'ALLOW') => makeDetection({ id, decision });
const page = (...rows: TDetection[]): TDetectionsPage => ({ detections: rows, nextCursor: null, streamCursor: '10-1' });
const ids = (p: TDetectionsPage | undefined) => p?.detections.map((d) => d.id);
const firstKey = detectionKeys.page(ORG, DEFAULT_DETECTION_FILTERS);
const blockedKey = detectionKeys.page(ORG, { limit: 50, decision: 'BLOCK' });

function setup() {
  const queryClient = new QueryClient();
  // What a refetch of the lists answers (the stream only refetches after a reset).
  const server = vi.fn<() => Promise<TDetectionsPage>>(async () => page());
  queryClient.setQueryDefaults(detectionKeys.all(ORG), { queryFn: () => server(), retry: false });
  queryClient.setQueryData(firstKey, page(detection('a')));
  queryClient.setQueryData(blockedKey, page());
  const queue: TReviewQueueData = { pages: [{ detections: [], count: 0, nextCursor: null }], pageParams: [null] };
  queryClient.setQueryData(reviewKeys.queue(ORG), queue);
  const invalidated: unknown[][] = [];
  const invalidate = queryClient.invalidateQueries.bind(queryClient);
  vi.spyOn(queryClient, 'invalidateQueries').mockImplementation((filters) => {
    invalidated.push([...(filters?.queryKey ?? [])]);
    return invalidate(filters);
  });
  const caches = createStreamCaches(queryClient, ORG);
  const count = (key: readonly unknown[]) => invalidated.filter((k) => JSON.stringify(k) === JSON.stringify(key)).length;
  return { queryClient, caches, count, server };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('stream caches', () => {
  it('new_detections: every loaded page by its filters, the review queue, and the rows not shown yet', () => {
    const { queryClient, caches } = setup();
    const fresh = caches.newDetections([detection('a'), detection('b', 'BLOCK'), detection('c', 'REVIEW')]);
    expect(fresh.map((d) => d.id)).toEqual(['b', 'c']);
    expect(ids(queryClient.getQueryData(firstKey))).toEqual(['c', 'b', 'a']);
    expect(ids(queryClient.getQueryData(blockedKey))).toEqual(['b']);
    const queue = queryClient.getQueryData<TReviewQueueData>(reviewKeys.queue(ORG));
    expect(queue?.pages[0].detections.map((d) => d.id)).toEqual(['c']);
    expect(queue?.pages[0].count).toBe(1);
    caches.stop();
  });

  it('refreshes the counters at most every 2 s, and not for a batch with nothing new', async () => {
    const { caches, count } = setup();
    caches.newDetections([detection('a')]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(count(statsKeys.all(ORG))).toBe(0);
    caches.newDetections([detection('b')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(count(statsKeys.all(ORG))).toBe(1);
    for (let i = 0; i < 10; i++) {
      caches.newDetections([detection(`x${i}`)]);
      await vi.advanceTimersByTimeAsync(300);
    }
    // 3 s of batches every 300 ms: one refresh at 2 s, the trailing one at 4 s.
    expect(count(statsKeys.all(ORG))).toBe(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(count(statsKeys.all(ORG))).toBe(3);
    caches.stop();
  });

  it('detection_updated: replaces rows by id on every page and takes reviewed rows out of the queue', () => {
    const { queryClient, caches } = setup();
    caches.newDetections([detection('r', 'REVIEW')]);
    const reviewed = { ...detection('r', 'BLOCK'), review: { status: 'blocked' as const, by: 'ana@example.com', at: new Date().toISOString(), note: null, verdict: null, claim: null } };
    caches.detectionUpdates([reviewed]);
    expect(queryClient.getQueryData<TDetectionsPage>(firstKey)?.detections[0].decision).toBe('BLOCK');
    expect(queryClient.getQueryData<TReviewQueueData>(reviewKeys.queue(ORG))?.pages[0].detections).toEqual([]);
    caches.stop();
  });

  it('refetches the review queue when the stream is live again after a gap, not when it first opens', () => {
    const { caches, count } = setup();
    for (const state of ['connecting', 'live', 'live'] as const) caches.state(state);
    expect(count(reviewKeys.queue(ORG))).toBe(0);
    for (const state of ['reconnecting', 'polling', 'live'] as const) caches.state(state);
    expect(count(reviewKeys.queue(ORG))).toBe(1);
    caches.stop();
  });

  it('attack_*: the open incident and the timeline', () => {
    const { queryClient, caches } = setup();
    const attack = { id: 'atk', attempts: 12, distinctCards: 7, blocked: 3 } as TAttack;
    caches.attack(attack, 'started');
    caches.attack({ ...attack, attempts: 20 }, 'updated');
    expect(queryClient.getQueryData(warRoomKeys.attack(ORG))).toMatchObject({ attempts: 20 });
    caches.attack({ ...attack, attempts: 30 }, 'ended');
    expect(queryClient.getQueryData(warRoomKeys.attack(ORG))).toBeNull();
    expect(queryClient.getQueryData<{ text: string }[]>(warRoomKeys.timeline(ORG))?.map((e) => e.text)).toEqual([
      'Attack ended: 30 attempts, 3 blocked',
    ]);
    caches.stop();
  });

  it('after a reset, refetches the lists and resumes from the new first page', async () => {
    const { queryClient, caches, count, server } = setup();
    expect(caches.startCursor()).toBe('10-1');
    server.mockResolvedValue({ ...page(detection('z')), streamCursor: '20-1' });
    await vi.advanceTimersByTimeAsync(1); // the clock is fake: the refetched page must be newer
    await expect(caches.refetchAll()).resolves.toBe('20-1');
    expect(ids(queryClient.getQueryData(firstKey))).toEqual(['z']);
    expect(count(reviewKeys.queue(ORG))).toBe(1);
    // The lists could not be read: start from the present.
    server.mockRejectedValue(new Error('offline'));
    await expect(caches.refetchAll()).resolves.toBeNull();
    caches.stop();
  });
});
