import { describe, expect, it } from 'vitest';
import type { TDetection } from '@/lib/detections/schema';
import { makeDetection } from '@/lib/detections/test-fixtures';
import type { TDetectionsPage } from '../query-options';
import { applyDetectionUpdates, applyNewDetections, MAX_LIVE_ROWS, unseenDetections } from './detections';

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

  it('keeps at most MAX_LIVE_ROWS rows', () => {
    const batch = Array.from({ length: MAX_LIVE_ROWS + 50 }, (_, i) => detection(String(i)));
    const next = applyNewDetections(page('old'), batch, {});
    expect(next.detections).toHaveLength(MAX_LIVE_ROWS);
    expect(next.detections[0].id).toBe(String(MAX_LIVE_ROWS + 49));
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
