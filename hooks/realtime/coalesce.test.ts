import { describe, expect, it } from 'vitest';
import { makeDetection } from '@/lib/detections/test-fixtures';
import { createCoalescer, FLUSH_INTERVAL_MS, mergeChanges, type TFeedChange, type TTimers } from './coalesce';

// A fake clock: timers run only when the test advances time.
function fakeTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: TTimers = {
    now: () => now,
    set: (callback, ms) => {
      pending.set(next, { at: now + ms, callback });
      return next++;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...pending].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].callback();
    }
    now = until;
  };
  return { timers, advance, pending };
}

describe('createCoalescer', () => {
  it('hands a burst over in one flush, and then at most once per interval', () => {
    const { timers, advance } = fakeTimers();
    const flushes: number[][] = [];
    const c = createCoalescer<number>({ flush: (items) => flushes.push(items), timers });
    c.push(1);
    c.push(2);
    expect(flushes).toEqual([]);
    advance(0);
    expect(flushes).toEqual([[1, 2]]);
    // Fifty batches over the next second: four more flushes, not fifty.
    for (let i = 0; i < 50; i++) {
      c.push(100 + i);
      advance(20);
    }
    advance(FLUSH_INTERVAL_MS);
    expect(flushes.length).toBeLessThanOrEqual(1 + Math.ceil(1_000 / FLUSH_INTERVAL_MS) + 1);
    expect(flushes.flat()).toEqual([1, 2, ...Array.from({ length: 50 }, (_, i) => 100 + i)]);
  });

  it('flushes at once after a quiet spell', () => {
    const { timers, advance } = fakeTimers();
    const flushes: number[][] = [];
    const c = createCoalescer<number>({ flush: (items) => flushes.push(items), timers });
    c.push(1);
    advance(0);
    advance(10_000);
    c.push(2);
    advance(0);
    expect(flushes).toEqual([[1], [2]]);
  });

  it('flushNow applies the queue before the timer, stop drops it', () => {
    const { timers, advance, pending } = fakeTimers();
    const flushes: number[][] = [];
    const c = createCoalescer<number>({ flush: (items) => flushes.push(items), timers });
    c.push(1);
    c.flushNow();
    expect(flushes).toEqual([[1]]);
    expect(pending.size).toBe(0);
    c.push(2);
    c.stop();
    c.push(3);
    advance(1_000);
    expect(flushes).toEqual([[1]]);
  });
});

describe('mergeChanges', () => {
  const d = (id: string) => makeDetection({ id });
  const ids = (changes: TFeedChange[]) => changes.map((c) => `${c.kind}:${c.rows.map((r) => r.id).join(',')}`);

  it('joins neighbours of one kind and keeps the order between kinds', () => {
    const changes: TFeedChange[] = [
      { kind: 'new', rows: [d('a')] },
      { kind: 'new', rows: [d('b'), d('c')] },
      { kind: 'updated', rows: [d('b')] },
      { kind: 'new', rows: [] },
      { kind: 'new', rows: [d('e')] },
    ];
    expect(ids(mergeChanges(changes))).toEqual(['new:a,b,c', 'updated:b', 'new:e']);
    // The input is left as it was.
    expect(changes[0].rows.map((r) => r.id)).toEqual(['a']);
  });
});
