import { describe, expect, it } from 'vitest';
import { compareCursors, formatCursor, ZCursorSchema } from './cursor';

describe('stream cursor', () => {
  it('round-trips', () => {
    const c = ZCursorSchema.parse('1234-56');
    expect(c).toEqual({ txId: '1234', seq: 56 });
    expect(formatCursor(c)).toBe('1234-56');
  });

  it('rejects malformed values', () => {
    for (const bad of ['', 'abc', '12', '12-', '-3', '1-2-3', '1.5-2', "1-2'; drop table", '99999999999999999999-1']) {
      expect(ZCursorSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('orders by transaction, then by row', () => {
    expect(compareCursors({ txId: '10', seq: 99 }, { txId: '11', seq: 1 })).toBeLessThan(0);
    expect(compareCursors({ txId: '11', seq: 2 }, { txId: '11', seq: 1 })).toBeGreaterThan(0);
    expect(compareCursors({ txId: '11', seq: 1 }, { txId: '11', seq: 1 })).toBe(0);
  });
});
