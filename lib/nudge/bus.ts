import { logger } from '@/lib/logger';
import { createLocalBus } from './local';
import { decodeNudges, encodeNudges } from './message';
import type { TNudgeTransport, TSubscription } from './transport';

// Nudges make delivery fast; the poll makes it correct. nudgeOrg() wakes this
// instance's pollers at once (in-process), and the other instances' through a
// transport (PostgreSQL or Redis) a few ms later: every org nudged within
// that window goes out in one message, so a burst of ingests costs one
// NOTIFY/PUBLISH per window per instance, not one per commit.

/** How long nudges are collected before one message carries them to the other instances. */
export const NUDGE_SEND_WINDOW_MS = 5;

export type TNudgeBus = {
  nudgeOrg(orgId: string): void;
  onNudge(listener: (orgId: string) => void): () => void;
  /** Settles when other instances' nudges are being received (for tests). */
  ready(): Promise<void>;
  /** Sends what is pending and lets go of the subscription's connection. */
  close(): Promise<void>;
};

export function createNudgeBus(options: { instanceId: string; transport: TNudgeTransport; windowMs?: number }): TNudgeBus {
  const { instanceId, transport } = options;
  const local = createLocalBus();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let subscription: TSubscription | undefined;
  let failing = false;
  const log = () => logger().child({ bus: transport.name });

  function send(message: string) {
    // Never throws to anyone: a lost nudge only costs the others a poll interval.
    Promise.resolve()
      .then(() => transport.publish(message))
      .then(
        () => void (failing = false),
        (err) => {
          // One warning per outage, not one per window.
          log()[failing ? 'debug' : 'warn']({ err: (err as Error).message }, 'could not send nudges to the other instances; their polls still deliver');
          failing = true;
        },
      );
  }

  function flush() {
    timer = undefined;
    const orgIds = [...pending];
    pending.clear();
    for (const message of encodeNudges(instanceId, orgIds)) send(message);
  }

  function receive(message: string) {
    // Runs inside the client's socket handler: nothing may escape from here.
    try {
      const { from, orgIds } = decodeNudges(message);
      if (from === instanceId) return; // ours, already delivered locally
      for (const orgId of orgIds) local.emit(orgId);
    } catch (err) {
      log().warn({ err }, 'a nudge listener failed');
    }
  }

  function subscribe(): TSubscription {
    try {
      const s = transport.subscribe(receive);
      s.ready.then(
        () => log().info('receiving nudges from the other instances'),
        (err) => log().warn({ err: (err as Error).message }, 'not receiving nudges from the other instances yet; polls still deliver'),
      );
      return s;
    } catch (err) {
      log().warn({ err: (err as Error).message }, 'cannot receive nudges from the other instances; polls still deliver');
      const ready = Promise.reject(err as Error);
      ready.catch(() => {}); // reported above
      return { ready, stop: async () => {} };
    }
  }

  function unsubscribe(): Promise<void> {
    const s = subscription;
    subscription = undefined;
    return s ? s.stop().catch((err) => log().debug({ err: (err as Error).message }, 'closing the nudge subscription failed')) : Promise.resolve();
  }

  return {
    nudgeOrg(orgId) {
      local.emit(orgId);
      pending.add(orgId);
      timer ??= setTimeout(flush, options.windowMs ?? NUDGE_SEND_WINDOW_MS);
    },
    onNudge(listener) {
      const off = local.on(listener);
      // Connect only for a listener (the hub, once a stream opens): a script
      // that only writes never holds a LISTEN/SUBSCRIBE connection.
      subscription ??= subscribe();
      let removed = false;
      return () => {
        if (removed) return;
        removed = true;
        off();
        // The last listener gone: let go of the connection, so nothing keeps the process up.
        if (local.listenerCount === 0) void unsubscribe();
      };
    },
    ready: () => subscription?.ready ?? Promise.resolve(),
    async close() {
      if (timer) {
        clearTimeout(timer);
        flush();
      }
      await unsubscribe();
    },
  };
}
