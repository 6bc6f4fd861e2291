import { describe, expect, it } from 'vitest';
import type { TDetection } from '@/lib/detections/schema';
import { compareCursors, describeBatch, laterCursor, MAX_LIVE_ROWS, prependDetections, upsertDetections } from './detections-cache';
import type { TDetectionsPage } from './query-options';

const detection = (id: string, decision: TDetection['decision'] = 'ALLOW'): TDetection => ({
  id,
  externalId: `order_${id}`,
  amount: 1000,
  currency: 'EUR',
  score: 10,
  riskLevel: 'low',
  decision,
  reasons: [],
  email: null,
  ip: null,
  customerId: null,
  deviceId: null,
  card: null,
  authStatus: null,
  declineCode: null,
  createdAt: new Date().toISOString(),
});

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

describe('cursors', () => {
  it('compares txId numerically before seq', () => {
    expect(compareCursors('10-1', '9-500')).toBe(1);
    expect(compareCursors('9-2', '9-10')).toBe(-1);
    expect(compareCursors('18446744073709551-3', '18446744073709551-3')).toBe(0);
  });

  it('never moves back and ignores malformed ids', () => {
    expect(laterCursor('10-5', '10-4')).toBe('10-5');
    expect(laterCursor('10-5', '11-0')).toBe('11-0');
    expect(laterCursor(null, '3-1')).toBe('3-1');
    expect(laterCursor('10-5', 'garbage')).toBe('10-5');
  });
});

describe('describeBatch', () => {
  it('warns when any detection was blocked', () => {
    expect(describeBatch([detection('a', 'BLOCK'), detection('b', 'BLOCK'), detection('c')])).toEqual({
      title: '3 new detections',
      description: '2 blocked',
      tone: 'warning',
    });
  });

  it('uses the singular for one detection', () => {
    expect(describeBatch([detection('a')]).title).toBe('1 new detection');
    expect(describeBatch([detection('a', 'REVIEW')]).tone).toBe('info');
  });
});
