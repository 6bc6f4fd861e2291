import type { TDetection } from '@/lib/detections/schema';

// Under attack the stream delivers dozens of small batches a second (every
// ingest nudges the server's poller). Writing each one into the cache would
// re-render the table, the counters and the toasts dozens of times a second
// and keep the main thread busy. So the batches are queued and applied
// together, at most once per FLUSH_INTERVAL_MS: a detection shows at most a
// quarter of a second later, and the page renders at most four times a second.
// Timers, not requestAnimationFrame: a hidden tab gets no frames, and its
// cache must still follow the stream.

export const FLUSH_INTERVAL_MS = 250;

/** What the stream says about detections, in arrival order. */
export type TFeedChange = { kind: 'new' | 'updated'; rows: TDetection[] };

/**
 * Joins neighbouring changes of the same kind, keeping the order between
 * kinds: new rows followed by an update of one of them must be applied in
 * that order, or the update would find no row to change.
 */
export function mergeChanges(changes: readonly TFeedChange[]): TFeedChange[] {
  const merged: TFeedChange[] = [];
  for (const change of changes) {
    if (change.rows.length === 0) continue;
    const last = merged.at(-1);
    if (last?.kind === change.kind) last.rows = [...last.rows, ...change.rows];
    else merged.push({ kind: change.kind, rows: change.rows });
  }
  return merged;
}

export type TTimers = { now(): number; set(callback: () => void, ms: number): unknown; clear(handle: unknown): void };

const browserTimers: TTimers = {
  now: () => Date.now(),
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type TCoalescer<T> = {
  push(item: T): void;
  /** Applies what is queued now (before a reset or an attack event that must not overtake it). */
  flushNow(): void;
  /** Drops what is queued and stops (the org changed or the page is leaving). */
  stop(): void;
};

/**
 * Queues items and hands them to `flush` together: at once after a quiet
 * spell (on the next timer turn, so that items of the same task travel
 * together), else when `intervalMs` has passed since the last flush.
 */
export function createCoalescer<T>(options: { flush(items: T[]): void; intervalMs?: number; timers?: TTimers }): TCoalescer<T> {
  const intervalMs = options.intervalMs ?? FLUSH_INTERVAL_MS;
  const timers = options.timers ?? browserTimers;
  let queue: T[] = [];
  let handle: unknown = null;
  let lastFlushAt = -Infinity;
  let stopped = false;

  const run = () => {
    if (handle !== null) timers.clear(handle);
    handle = null;
    if (queue.length === 0) return;
    lastFlushAt = timers.now();
    const items = queue;
    queue = [];
    options.flush(items);
  };

  return {
    push(item) {
      if (stopped) return;
      queue.push(item);
      if (handle !== null) return;
      handle = timers.set(run, Math.max(0, lastFlushAt + intervalMs - timers.now()));
    },
    flushNow: run,
    stop() {
      stopped = true;
      if (handle !== null) timers.clear(handle);
      handle = null;
      queue = [];
    },
  };
}
