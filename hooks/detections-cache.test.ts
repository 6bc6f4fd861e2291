import { describe, expect, it } from 'vitest';
import type { TDetection } from '@/lib/detections/schema';
import { makeDetection } from '@/lib/detections/test-fixtures';
import { MAX_LIVE_ROWS, prependDetections, upsertDetections } from './detections-cache';
import type { TDetectionsPage } from './query-options';

const detection = (id: string, decision: TDetection['decision'] = 'ALLOW'): TDetection => makeDetection({ id, decision });

const page = (...ids: string[]): TDetectionsPage => ({ detections: ids.map((id) => detection(id)), nextCursor: null, streamCursor: '1-0' });
const ids = (p: TDetectionsPage) => p.detections.map((d) => d.id);

describe('prependDetections', () => {
  it('puts an oldest-first batch on top, newest first', () => {
    expect(ids(prependDetections(page('b', 'a'), [detection('c'), detection('d')], {}))).toEqual(['d', 'c', 'b', 'a']);
  });

  it('drops rows already on the page and repeats within the batch', () => {
    const next = prependDetections(page('b', 'a'), [detection('b'), detection('c'), detection('c')], {});
    expect(ids(next)).toEqual(['c', 'b', 'a']);
  });

  it('returns the same page when nothing is new, so React Query keeps its reference', () => {
    const p = page('a');
    expect(prependDetections(p, [detection('a')], {})).toBe(p);
  });

  it('only adds rows matching a decision filter', () => {
    const next = prependDetections(page(), [detection('x', 'ALLOW'), detection('y', 'BLOCK')], { decision: 'BLOCK' });
    expect(ids(next)).toEqual(['y']);
  });

  it('keeps at most MAX_LIVE_ROWS rows', () => {
    const batch = Array.from({ length: MAX_LIVE_ROWS + 50 }, (_, i) => detection(String(i)));
    const next = prependDetections(page('old'), batch, {});
    expect(next.detections).toHaveLength(MAX_LIVE_ROWS);
    expect(next.detections[0].id).toBe(String(MAX_LIVE_ROWS + 49));
  });
});

describe('upsertDetections', () => {
  it('replaces rows by id and ignores unknown ones', () => {
    const next = upsertDetections(page('a', 'b'), [detection('b', 'BLOCK'), detection('z', 'BLOCK')]);
    expect(next.detections.map((d) => d.decision)).toEqual(['ALLOW', 'BLOCK']);
    expect(ids(next)).toEqual(['a', 'b']);
  });
});
