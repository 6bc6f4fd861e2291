import { describe, expect, it } from 'vitest';
import { makeDetection } from '@/lib/detections/test-fixtures';
import { withLiveRows, type TDetectionsPage } from './query-options';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 10, minute)).toISOString();
const d = (id: string, minute: number, ip = '203.0.113.7') => makeDetection({ id, ip, createdAt: at(minute) });
const page = (rows: ReturnType<typeof d>[], nextCursor: string | null = null): TDetectionsPage => ({ detections: rows, nextCursor, streamCursor: '1-0' });
const ids = (p: TDetectionsPage) => p.detections.map((x) => x.id);
const filters = { limit: 50, ip: '203.0.113.7' };

describe('withLiveRows', () => {
  it('adds the matching live rows a filtered page missed, on top', () => {
    const live = page([d('new', 9), d('other', 8, '198.51.100.1'), d('b', 5)]);
    expect(ids(withLiveRows(page([d('b', 5), d('a', 1)]), live, filters))).toEqual(['new', 'b', 'a']);
  });

  it('leaves rows older than a partial page to "Load more"', () => {
    const live = page([d('new', 9), d('old', 0)]);
    expect(ids(withLiveRows(page([d('b', 5), d('a', 1)], 'cursor'), live, filters))).toEqual(['new', 'b', 'a']);
  });

  it('returns the page itself when nothing is missing', () => {
    const p = page([d('a', 1)]);
    expect(withLiveRows(p, page([d('a', 1)]), filters)).toBe(p);
    expect(withLiveRows(p, undefined, filters)).toBe(p);
  });
});
