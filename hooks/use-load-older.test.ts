import { describe, expect, it } from 'vitest';
import type { TDetectionsPage } from './query-options';
import { hasOlder, olderPageParams } from './use-load-older';

const page = (patch: Partial<TDetectionsPage>): TDetectionsPage => ({ detections: [], nextCursor: null, streamCursor: '1-0', ...patch });

describe('olderPageParams', () => {
  it('continues from nextCursor with the same filters', () => {
    const params = olderPageParams({ limit: 50, ip: '203.0.113.7' }, page({ nextCursor: '2026-11-30T10:00:00.123456Z_42' }))!;
    expect(Object.fromEntries(params)).toEqual({ limit: '50', ip: '203.0.113.7', cursor: '2026-11-30T10:00:00.123456Z_42' });
  });

  it('after live rows pushed rows out, resumes before the last row kept (to exclusive: one millisecond later)', () => {
    const params = olderPageParams({ limit: 50 }, page({ resumeBefore: '2026-11-30T10:00:00.123Z' }))!;
    expect(params.get('to')).toBe('2026-11-30T10:00:00.124Z');
    expect(params.get('cursor')).toBeNull();
  });

  it('keeps an earlier `to` of the filters', () => {
    const params = olderPageParams({ limit: 50, to: '2026-11-30T09:00:00.000Z' }, page({ resumeBefore: '2026-11-30T10:00:00.123Z' }))!;
    expect(params.get('to')).toBe('2026-11-30T09:00:00.000Z');
  });

  it('has nothing to ask at the end of the list', () => {
    expect(olderPageParams({ limit: 50 }, page({}))).toBeNull();
    expect(hasOlder(page({}))).toBe(false);
    expect(hasOlder(page({ nextCursor: 'c' }))).toBe(true);
  });
});
