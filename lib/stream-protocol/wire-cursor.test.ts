import { describe, expect, it } from 'vitest';
import { compareCursors, laterCursor, parseCursor } from './cursor';

// The browser's side: cursors as the wire strings it keeps and sends back.
const cmp = (a: string, b: string) => compareCursors(parseCursor(a)!, parseCursor(b)!);

describe('cursors', () => {
  it('compares txId numerically before seq', () => {
    expect(cmp('10-1', '9-500')).toBe(1);
    expect(cmp('9-2', '9-10')).toBe(-1);
    expect(cmp('18446744073709551-3', '18446744073709551-3')).toBe(0);
  });

  it('never moves back and ignores malformed ids', () => {
    expect(laterCursor('10-5', '10-4')).toBe('10-5');
    expect(laterCursor('10-5', '11-0')).toBe('11-0');
    expect(laterCursor(null, '3-1')).toBe('3-1');
    expect(laterCursor('10-5', 'garbage')).toBe('10-5');
  });
});
