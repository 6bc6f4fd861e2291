import { describe, expect, it } from 'vitest';
import type { TDetection } from '@/lib/detections/schema';
import { makeDetection } from '@/lib/detections/test-fixtures';
import { applyQueueChanges, MAX_SETTLED_IDS, queueRows, type TReviewQueueData } from './review-queue';

let clock = Date.parse('2025-06-01T12:00:00Z');
const detection = (id: string, patch: Partial<TDetection> = {}): TDetection =>
  makeDetection({ id, amount: 600000, score: 60, riskLevel: 'high', decision: 'REVIEW', createdAt: new Date((clock += 1000)).toISOString(), ...patch });
const reviewed = (d: TDetection, status: 'approved' | 'blocked' = 'approved'): TDetection => ({
  ...d,
  decision: status === 'approved' ? 'ALLOW' : 'BLOCK',
  review: { status, by: 'ana@example.com', at: new Date().toISOString(), note: null, verdict: null, claim: null },
});
const queue = (pages: TDetection[][], count: number, lastCursor: string | null = null): TReviewQueueData => ({
  pages: pages.map((detections, i) => ({ detections, count, nextCursor: i === pages.length - 1 ? lastCursor : String(100 - i) })),
  pageParams: pages.map((_, i) => (i === 0 ? null : String(101 - i))),
});
const ids = (data: TReviewQueueData) => queueRows(data).map((d) => d.id);

describe('applyQueueChanges', () => {
  it('puts new pending detections on top, newest first, and counts them', () => {
    const [a, b] = [detection('a'), detection('b')];
    const [c, d] = [detection('c'), detection('d')];
    const next = applyQueueChanges(queue([[b, a]], 2), { added: [c, d] }, new Set());
    expect(ids(next)).toEqual(['d', 'c', 'b', 'a']);
    expect(next.pages[0].count).toBe(4);
  });

  it('ignores new detections that are not pending, already queued, or already reviewed', () => {
    const a = detection('a');
    const settled = new Set(['gone']);
    const data = queue([[a]], 1);
    const next = applyQueueChanges(
      data,
      { added: [a, detection('allow', { decision: 'ALLOW' }), reviewed(detection('r')), detection('gone')] },
      settled,
    );
    expect(next).toBe(data);
  });

  it('dedupes repeats within a batch', () => {
    const c = detection('c');
    const next = applyQueueChanges(queue([[]], 0), { added: [c, c] }, new Set());
    expect(ids(next)).toEqual(['c']);
    expect(next.pages[0].count).toBe(1);
  });

  it('removes reviewed detections from any loaded page and decrements the count once', () => {
    const [a, b, c] = [detection('a'), detection('b'), detection('c')];
    const settled = new Set<string>();
    const data = queue([[c, b], [a]], 3);
    const next = applyQueueChanges(data, { updated: [reviewed(a), reviewed(a, 'blocked')] }, settled);
    expect(ids(next)).toEqual(['c', 'b']);
    expect(next.pages[0].count).toBe(2);
    // The stream's echo of a review this tab already applied changes nothing.
    expect(applyQueueChanges(next, { updated: [reviewed(a)] }, settled)).toBe(next);
  });

  it('counts a review of a row beyond the loaded pages once, and only then', () => {
    const [a, far] = [detection('a'), detection('far')];
    const settled = new Set<string>();
    const data = queue([[a]], 10, '42');
    const next = applyQueueChanges(data, { updated: [reviewed(far)] }, settled);
    expect(ids(next)).toEqual(['a']);
    expect(next.pages[0].count).toBe(9);
    expect(applyQueueChanges(next, { updated: [reviewed(far)] }, settled)).toBe(next);
    // With every pending row loaded, an unknown review was never in the count.
    const all = queue([[a]], 1);
    expect(applyQueueChanges(all, { updated: [reviewed(detection('x'))] }, new Set())).toBe(all);
  });

  it('never counts an update of a detection that was not reviewed', () => {
    const data = queue([[detection('a')]], 5, '42');
    expect(applyQueueChanges(data, { updated: [detection('allow', { decision: 'ALLOW' })] }, new Set())).toBe(data);
  });

  it('replaces a still-pending row in place', () => {
    const a = detection('a');
    const next = applyQueueChanges(queue([[a]], 1), { updated: [{ ...a, score: 70 }] }, new Set());
    expect(next.pages[0].detections[0].score).toBe(70);
    expect(next.pages[0].count).toBe(1);
  });

  it('keeps a claimed row (still pending) in place with its claim, and never counts a claim beyond the loaded pages', () => {
    const a = detection('a');
    const claim = { userId: 'u1', name: 'Ana', email: 'ana@example.com', until: new Date(Date.now() + 600_000).toISOString() };
    const claimed = { ...a, review: { status: 'pending' as const, by: null, at: null, note: null, verdict: null, claim } };
    const next = applyQueueChanges(queue([[a]], 3, '42'), { updated: [claimed, { ...detection('far'), review: claimed.review }] }, new Set());
    expect(next.pages[0].detections[0].review?.claim).toEqual(claim);
    expect(next.pages[0].count).toBe(3);
  });

  it('handles a review and new arrivals in one call, and keeps the count at least the rows shown', () => {
    const [a, b] = [detection('a'), detection('b')];
    const next = applyQueueChanges(queue([[b, a]], 0), { added: [detection('c')], updated: [reviewed(a)] }, new Set());
    expect(ids(next)).toEqual(['c', 'b']);
    expect(next.pages[0].count).toBe(2);
  });

  it('a row reviewed before its arrival event never enters the queue', () => {
    const late = detection('late');
    const settled = new Set<string>();
    const data = queue([[]], 0);
    const afterReview = applyQueueChanges(data, { updated: [reviewed(late)] }, settled);
    expect(applyQueueChanges(afterReview, { added: [late] }, settled)).toBe(afterReview);
  });

  it('remembers a bounded number of reviewed ids', () => {
    const settled = new Set<string>();
    const data = queue([[]], 0);
    for (let i = 0; i < MAX_SETTLED_IDS + 10; i++) applyQueueChanges(data, { updated: [reviewed(detection(`r${i}`))] }, settled);
    expect(settled.size).toBe(MAX_SETTLED_IDS);
    expect(settled.has('r0')).toBe(false);
  });
});

describe('queueRows', () => {
  it('flattens pages and drops a row a later page repeats', () => {
    const [a, b] = [detection('a'), detection('b')];
    expect(queueRows(queue([[b, a], [a]], 2)).map((d) => d.id)).toEqual(['b', 'a']);
    expect(queueRows(undefined)).toEqual([]);
  });
});
