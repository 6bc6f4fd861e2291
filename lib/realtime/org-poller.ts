import type { Logger } from '@/lib/logger';
import type { TDetection } from '@/lib/detections/schema';
import { compareCursors, encodeStreamEvent, formatCursor, type TCursor, type TStreamEvent } from '@/lib/stream-protocol';
import type { TFeedWatcher } from './extensions';
import type { TFeedBatch, TUpdatesBatch } from './feed';
import { realtimeMetrics } from './metrics';

/** One open stream as the poller sees it. */
export type TSubscriber = {
  readonly id: number;
  readonly sessionId: string;
  /** The last row this subscriber has (or where it started). Advanced by deliver(). */
  cursor: TCursor;
  /** Writes one `new_detections` event (pre-encoded when shared); returns false if the connection is gone. */
  deliver(rows: TDetection[], cursor: TCursor, encoded?: Uint8Array): boolean;
  /** Writes an encoded event without an id: line (detection_updated, attack_*): the cursor does not move. */
  send(encoded: Uint8Array): boolean;
  close(reason: string): void;
};

export type TPollerRead = {
  cursor: TCursor;
  /** With them, also checks which of these sessions may still watch. */
  viewers?: string[];
  /** Where detection updates are read from; undefined on the first read, which starts at the horizon. */
  updatesCursor?: TCursor;
  /** The registered extensions' watchers, each reading in the same transaction. */
  watchers: TFeedWatcher[];
};

export type TPollerReadResult = {
  batch: TFeedBatch;
  updates: TUpdatesBatch;
  /** Per watcher, in order: how to apply what it read. */
  extensions: ((now: number) => TStreamEvent[])[];
  allowed?: Set<string>;
  lagXids?: number;
};

export type TPollerSource = {
  /** One transaction under RLS: the next page of detections, of detection updates, and what the extensions read. */
  read(input: TPollerRead): Promise<TPollerReadResult>;
};

/** Commits arriving within this window after a nudge share one poll. */
const NUDGE_COALESCE_MS = 5;

/**
 * Polls one organization's detections for all of its open streams on this
 * instance: one read per tick whatever the number of viewers, fanned out in
 * memory. The same transaction reads the detections changed by a review
 * (detection_updated) and whatever the registered extensions read (the
 * war room's attack_*, see extensions.ts); those events carry
 * no id: line, so they never move a stream's cursor. Every timer tick also
 * re-checks the viewers' sessions and memberships, in the same transaction.
 */
export class OrgPoller {
  readonly subscribers = new Set<TSubscriber>();
  private cursor: TCursor;
  /** detection_updates delivered up to here (a cursor of its own: (tx_id, seq) of that table). */
  private updatesCursor: TCursor | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerIsTick = false;
  private polling = false;
  private pollAgain = false;
  private stopped = false;
  /** Viewers were authenticated when they connected. */
  private lastAccessCheck = Date.now();

  constructor(
    readonly key: string,
    start: TCursor,
    private readonly deps: { source: TPollerSource; watchers: TFeedWatcher[]; intervalMs: number; log: Logger; onIdle: (poller: OrgPoller) => void },
    /** The horizon now, when known; otherwise the first read finds it. */
    updatesStart?: TCursor,
  ) {
    this.cursor = start;
    this.updatesCursor = updatesStart;
    realtimeMetrics.pollerStarted();
  }

  /** Everything up to here has been delivered to every subscriber. */
  get position(): TCursor {
    return this.cursor;
  }

  add(sub: TSubscriber, options: { pollNow: boolean }) {
    this.subscribers.add(sub);
    // Joining during an incident: the war room opens at once, from what this poller knows.
    for (const watcher of this.deps.watchers) for (const event of watcher.greeting()) sub.send(encodeStreamEvent(event));
    if (options.pollNow) this.schedule(0, false);
    else if (!this.timer && !this.polling) this.schedule(this.deps.intervalMs, true);
  }

  remove(sub: TSubscriber) {
    this.subscribers.delete(sub);
    if (this.subscribers.size === 0) this.stop();
  }

  /** A commit happened for this org: poll now (coalesced). */
  nudge() {
    if (this.stopped) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    if (this.timer && !this.timerIsTick) return; // a nudge poll is already due
    this.schedule(NUDGE_COALESCE_MS, false);
  }

  private schedule(delay: number, isTick: boolean) {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timerIsTick = isTick;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, delay);
  }

  private stop() {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    realtimeMetrics.pollerStopped();
    this.deps.onIdle(this);
  }

  private async poll() {
    if (this.stopped || this.polling) return;
    this.polling = true;
    const started = performance.now();
    const startedAt = Date.now();
    // Fixed rate: the next tick is an interval after this poll started, not
    // after it ended, so a slow database does not stretch the interval.
    let next = this.deps.intervalMs;
    try {
      // Once per interval (ticks are an interval apart, give or take timer
      // jitter), even when nudges keep resetting the tick timer.
      const checkAccess = startedAt - this.lastAccessCheck >= this.deps.intervalMs - 50;
      const viewers = checkAccess ? [...new Set([...this.subscribers].map((s) => s.sessionId))] : undefined;
      const { batch, updates, extensions, allowed, lagXids } = await this.deps.source.read({
        cursor: this.cursor,
        viewers,
        updatesCursor: this.updatesCursor,
        watchers: this.deps.watchers,
      });
      realtimeMetrics.polled(performance.now() - started, true);
      if (lagXids !== undefined) realtimeMetrics.cursorLag(lagXids);
      if (this.stopped) return;
      if (checkAccess) this.lastAccessCheck = startedAt;
      if (allowed) {
        for (const sub of this.subscribers) if (!allowed.has(sub.sessionId)) sub.close('access_revoked');
      }
      if (batch.detections.length > 0) {
        this.fanOut(batch);
        this.cursor = batch.cursor;
      }
      // After the new rows: an update may concern a row of this very batch.
      if (updates.detections.length > 0) this.broadcast(encodeStreamEvent({ type: 'detection_updated', data: updates.detections }));
      this.updatesCursor = updates.cursor;
      const now = Date.now();
      for (const apply of extensions) for (const event of apply(now)) this.broadcast(encodeStreamEvent(event));
      if (batch.hasMore || updates.hasMore) next = 0;
    } catch (error) {
      realtimeMetrics.polled(performance.now() - started, false);
      this.deps.log.warn({ err: error, key: this.key }, 'poll failed; retrying at the next tick');
    } finally {
      this.polling = false;
    }
    if (this.stopped) return;
    const tick = next === this.deps.intervalMs;
    if (tick) next = Math.max(0, this.deps.intervalMs - (performance.now() - started));
    if (this.pollAgain) {
      this.pollAgain = false;
      next = Math.min(next, NUDGE_COALESCE_MS);
    }
    this.schedule(next, tick && next > NUDGE_COALESCE_MS);
  }

  /** One encoded event, without an id: line, to every subscriber. */
  private broadcast(encoded: Uint8Array) {
    for (const sub of [...this.subscribers]) sub.send(encoded);
  }

  private fanOut(batch: TFeedBatch) {
    const now = Date.now();
    for (const d of batch.detections) realtimeMetrics.delivered(now - Date.parse(d.createdAt));
    // Encoded once for every subscriber that takes the whole batch (nearly all).
    let shared: Uint8Array | undefined;
    const encoded = () =>
      (shared ??= encodeStreamEvent({ type: 'new_detections', data: batch.detections, timestamp: new Date(now).toISOString() }, formatCursor(batch.cursor)));
    for (const sub of [...this.subscribers]) {
      // A subscriber may already be past part of the batch (it joined from a later cursor).
      if (compareCursors(sub.cursor, batch.cursors[0]) < 0) {
        sub.deliver(batch.detections, batch.cursor, encoded());
        continue;
      }
      const from = batch.cursors.findIndex((c) => compareCursors(c, sub.cursor) > 0);
      if (from !== -1) sub.deliver(batch.detections.slice(from), batch.cursor);
    }
  }
}
