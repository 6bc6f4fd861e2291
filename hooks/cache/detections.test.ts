import { describe, expect, it } from 'vitest';
import type { TDetection } from '@/lib/detections/schema';
import { makeDetection } from '@/lib/detections/test-fixtures';
import type { TDetectionsPage } from '../query-options';
import { appendOlderDetections, applyDetectionUpdates, applyNewDetections, MAX_EXTENDED_ROWS, MAX_LIVE_ROWS, unseenDetections } from './detections';

const detection = (id: string, decision: TDetection['decision'] = 'ALLOW'): TDetection => makeDetection({ id, decision });

const page = (...ids: string[]): TDetectionsPage => ({ detections: ids.map((id) => detection(id)), nextCursor: null, streamCursor: '1-0' });
const ids = (p: TDetectionsPage) => p.detections.map((d) => d.id);

describe('applyNewDetections', () => {
  it('puts an oldest-first batch on top, newest first', () => {
    expect(ids(applyNewDetections(page('b', 'a'), [detection('c'), detection('d')], {}))).toEqual(['d', 'c', 'b', 'a']);
  });

  it('drops rows already on the page and repeats within the batch', () => {
    const next = applyNewDetections(page('b', 'a'), [detection('b'), detection('c'), detection('c')], {});
    expect(ids(next)).toEqual(['c', 'b', 'a']);
  });

  it('returns the same page when nothing is new, so React Query keeps its reference', () => {
    const p = page('a');
    expect(applyNewDetections(p, [detection('a')], {})).toBe(p);
  });

  it('only adds rows matching a decision filter', () => {
    const next = applyNewDetections(page(), [detection('x', 'ALLOW'), detection('y', 'BLOCK')], { decision: 'BLOCK' });
    expect(ids(next)).toEqual(['y']);
  });

  it('only adds rows matching every filter of the page', () => {
    const rows = [makeDetection({ id: 'x', ip: '203.0.113.7', score: 90 }), makeDetection({ id: 'y', ip: '203.0.113.8', score: 90 }), makeDetection({ id: 'z', ip: '203.0.113.7', score: 10 })];
    expect(ids(applyNewDetections(page(), rows, { limit: 50, ip: '203.0.113.7', minScore: 50 }))).toEqual(['x']);
  });

  it('keeps at most MAX_LIVE_ROWS rows; "Load more" then resumes from the last row kept', () => {
    const batch = Array.from({ length: MAX_LIVE_ROWS + 50 }, (_, i) => makeDetection({ id: String(i), createdAt: new Date(1_000_000 + i).toISOString() }));
    const next = applyNewDetections({ ...page('old'), nextCursor: 'c1' }, batch, {});
    expect(next.detections).toHaveLength(MAX_LIVE_ROWS);
    expect(next.detections[0].id).toBe(String(MAX_LIVE_ROWS + 49));
    expect(next.nextCursor).toBeNull();
    expect(next.resumeBefore).toBe(next.detections.at(-1)!.createdAt);
  });
});

describe('appendOlderDetections', () => {
  it('appends an older page, skipping rows already listed, and takes its cursor', () => {
    const next = appendOlderDetections({ ...page('c', 'b'), nextCursor: 'c1' }, { detections: [detection('b'), detection('a')], nextCursor: 'c2' });
    expect(ids(next)).toEqual(['c', 'b', 'a']);
    expect(next.nextCursor).toBe('c2');
  });

  it('keeps the loaded rows when live rows arrive afterwards', () => {
    const loaded = Array.from({ length: MAX_LIVE_ROWS }, (_, i) => detection(`old${i}`));
    let p = appendOlderDetections(page('top'), { detections: loaded, nextCursor: null });
    p = applyNewDetections(p, [detection('live')], {});
    expect(p.detections).toHaveLength(MAX_LIVE_ROWS + 2);
    expect(p.detections.at(-1)!.id).toBe(`old${MAX_LIVE_ROWS - 1}`);
    expect(p.keepRows).toBe(MAX_EXTENDED_ROWS);
  });
});

describe('applyDetectionUpdates', () => {
  it('replaces rows by id and ignores unknown ones', () => {
    const next = applyDetectionUpdates(page('a', 'b'), [detection('b', 'BLOCK'), detection('z', 'BLOCK')]);
    expect(next.detections.map((d) => d.decision)).toEqual(['ALLOW', 'BLOCK']);
    expect(ids(next)).toEqual(['a', 'b']);
  });
});

describe('unseenDetections', () => {
  it('keeps the rows of a batch that the page does not show', () => {
    expect(unseenDetections(page('b', 'a'), [detection('b'), detection('c')]).map((d) => d.id)).toEqual(['c']);
    expect(unseenDetections(undefined, [detection('c')]).map((d) => d.id)).toEqual(['c']);
  });
});
