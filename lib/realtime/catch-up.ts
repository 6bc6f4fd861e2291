import { processState } from '@/lib/process-state';
import type { TSubscriber } from './org-poller';

// A stream resuming from an old cursor (`?lastEventId=0-0` on an org with a
// year of rows) catches up with its own paged reads before it joins the org's
// poller. Two things keep that from hurting the server or the client:
// - the next page is read only once the client has taken most of the last
//   one, so the replay goes at the client's pace: the database is not read
//   back to back for a client that cannot keep up, and a client reading at a
//   normal pace is not cut as a slow consumer (REALTIME_MAX_QUEUE_BYTES);
// - only a few catch-up reads run at once in the process, so a hundred
//   clients replaying from 0-0 wait their turn instead of taking every pooled
//   connection from the polls and the API.

/** At most this many bytes waiting for the client, and it is ready for the next page. */
export const CATCH_UP_LOW_WATER_BYTES = 64 * 1024;
/** How soon a waiting catch-up looks at its stream's queue again, doubling up to the max while the client reads nothing. */
export const CATCH_UP_RECHECK_MS = 50;
export const CATCH_UP_RECHECK_MAX_MS = 500;
/** Catch-up page reads at once in the process (the pool has 20 connections). */
export const CATCH_UP_CONCURRENT_READS = 4;

/** A stream the hub catches up: it knows whether it closed and when its client has room. */
export type TCatchUpSubscriber = TSubscriber & {
  closed: boolean;
  /** Resolves true once the client has room for the next page, false as soon as the stream closes. */
  waitForRoom(): Promise<boolean>;
};

/** First come, first served: at most `size` holders at once. */
export class Semaphore {
  private holders = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  get active(): number {
    return this.holders;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.holders < this.size) this.holders++;
    // The releasing holder hands its place straight to the first in line.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.holders--;
    }
  }
}

/** The process's one bound on catch-up reads, shared by both module graphs. */
export function catchUpReads(): Semaphore {
  return processState('realtime.catch-up-reads', () => new Semaphore(CATCH_UP_CONCURRENT_READS));
}

/**
 * Resolves true once `hasRoom(CATCH_UP_LOW_WATER_BYTES)` says the client has
 * taken its bytes down to the low-water mark, false as soon as `closed()`.
 * A timer re-check, not a busy loop, backing off while the client takes
 * nothing (a stuck client waits here at little cost; its queue is bounded):
 * the lean handler's answer may cost a read of the kernel's send queues
 * (shared by every stream, at most five a second), the App Router's is a number.
 */
export async function waitForRoom(hasRoom: (bytes: number) => boolean | Promise<boolean>, closed: () => boolean): Promise<boolean> {
  let delay = CATCH_UP_RECHECK_MS;
  while (!closed()) {
    if (await hasRoom(CATCH_UP_LOW_WATER_BYTES)) return !closed();
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(2 * delay, CATCH_UP_RECHECK_MAX_MS);
  }
  return false;
}
