import type { Executor } from '@/db/client';
import { processState } from '@/lib/process-state';
import type { TStreamEvent } from '@/lib/stream-protocol';

/**
 * More for the org poller to read in its one transaction per tick, turned
 * into events for all of the org's streams (the war room's attack_* events).
 * Realtime defines this and knows nothing of what plugs in: a domain that
 * has live events implements it, and the server registers it at start-up
 * (lib/server/register.ts), so realtime never imports that domain.
 */
export type TFeedExtension = {
  readonly name: string;
  /** One watcher per poller: it remembers what that poller's streams were told. */
  createWatcher(): TFeedWatcher;
};

export type TFeedWatcher = {
  /**
   * Reads inside the poller's RLS transaction. Returns how to apply what it
   * read, called only if the whole transaction succeeded: the watcher's
   * memory moves only with events that are actually sent.
   */
  read(ctx: { db: Executor; orgId: string }): Promise<(now: number) => TStreamEvent[]>;
  /** Events for a stream that joins now (an incident in progress). */
  greeting(): TStreamEvent[];
};

const registry = () => processState('realtime.feed-extensions', () => new Map<string, TFeedExtension>());

/** Idempotent by name: both module graphs of the process may register the same extension. */
export function registerFeedExtension(extension: TFeedExtension): void {
  registry().set(extension.name, extension);
}

export function feedExtensions(): TFeedExtension[] {
  return [...registry().values()];
}
