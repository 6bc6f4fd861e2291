import { laterCursor } from '@/lib/stream-protocol';
import { DEFAULT_REALTIME_CONFIG } from './config';
import { createEmitter } from './emitter';
import { createSeenFilter } from './seen';
import type { TEnvironment, TPollPage, TRealtimeClient, TRealtimeEventType, TRealtimeEvents, TRealtimeState, TRealtimeStats } from './types';

// One stream for all tabs of a browser. Each tab asks for a Web Lock named
// after the organization; the tab holding it is the leader: it runs the real
// client and relays every event and state change on a BroadcastChannel. The
// others follow. When the leader's tab closes the browser frees the lock, the
// next tab takes it and resumes from the last cursor relayed, so nothing is
// lost in the handover. Ten open tabs hold one connection.

type TRelayed = Exclude<TRealtimeEventType, 'state'>;
const STATS_RELAY_MS = 250;
const RELAYED: TRelayed[] = ['new_detections', 'detection_updated', 'reset', 'attack_started', 'attack_updated', 'attack_ended', 'unauthorized'];

type TMessage =
  | { t: 'event'; type: TRelayed; payload: unknown }
  | { t: 'stats'; stats: TRealtimeStats }
  | { t: 'hello' | 'visible'; tab: string; visible: boolean }
  | { t: 'bye'; tab: string }
  | { t: 'reconnect' }
  | { t: 'urgent'; value: boolean };

type TChannel = { postMessage(message: unknown): void; close(): void; onmessage: ((event: MessageEvent) => void) | null };
type TLocks = { request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>): Promise<unknown> };

export type TSharedClientOptions = {
  /** Tabs with the same key share one stream: the organization id. */
  key: string;
  /** This tab's starting cursor (its list's streamCursor). */
  cursor: string | null;
  environment: TEnvironment;
  /** Makes the real client when this tab becomes the leader. */
  create: (options: { cursor: string | null; environment: TEnvironment; role: TRealtimeStats['role'] }) => TRealtimeClient;
  /** A follower that joins behind the leader reads the rows in between with it. */
  poll: (cursor: string) => Promise<TPollPage>;
  channel?: (name: string) => TChannel;
  locks?: TLocks | null;
  tabId?: string;
};

const EMPTY_STATS: TRealtimeStats = {
  state: 'connecting', role: 'follower', cursor: null, lastEventAt: null, liveSince: null, pollingSince: null, failures: 0,
  streamsOpened: 0, eventsReceived: 0, detectionsReceived: 0, polls: 0, nextRetryAt: null, lastFailure: null, paused: false,
};

function browserLocks(): TLocks | null {
  const nav = (globalThis as { navigator?: { locks?: TLocks } }).navigator;
  return nav?.locks ?? null;
}

export function createSharedRealtimeClient(options: TSharedClientOptions): TRealtimeClient {
  const locks = options.locks === undefined ? browserLocks() : options.locks;
  const makeChannel = options.channel ?? (typeof BroadcastChannel === 'undefined' ? undefined : (name: string) => new BroadcastChannel(name) as TChannel);
  if (!locks || !makeChannel) return options.create({ cursor: options.cursor, environment: options.environment, role: 'solo' });

  const tab = options.tabId ?? Math.random().toString(36).slice(2);
  const channel = makeChannel(`orylo-realtime:${options.key}`);
  const emitter = createEmitter();
  // As many ids as the leader's client remembers: the follower drops the same repeats.
  const fresh = createSeenFilter(DEFAULT_REALTIME_CONFIG.rememberedIds);
  const env = options.environment;
  const release = new AbortController();
  let releaseLock: () => void = () => {};
  let leader: TRealtimeClient | null = null;
  let stopped = false;
  let stats: TRealtimeStats = { ...EMPTY_STATS, cursor: options.cursor };
  // This tab's own position (its list, then any catch-up) and the leader's, from its stats.
  let cursor = options.cursor;
  let leaderCursor: string | null = null;
  let catchUp: 'not_started' | 'running' | 'done' = 'not_started';
  const followersVisible = new Map<string, boolean>();
  const leaderEnvListeners = new Set<() => void>();
  const post = (message: TMessage) => {
    if (!stopped) channel.postMessage(message);
  };

  const setStats = (next: TRealtimeStats) => {
    const changed = next.state !== stats.state;
    stats = next;
    if (changed) emitter.emit('state', next.state);
  };

  const deliverEvent = (type: TRelayed, payload: unknown) => {
    if (type === 'new_detections') {
      const news = fresh(payload as TRealtimeEvents['new_detections']);
      if (news.length > 0) emitter.emit('new_detections', news);
    } else emitter.emit(type, payload as never);
  };

  /**
   * Once, on joining: a follower whose list is older than the leader's cursor
   * reads the rows in between (later rows reach it relayed). Until that is
   * done its own cursor, not the leader's, is where it would resume as leader.
   */
  async function catchUpTo(target: string) {
    catchUp = 'running';
    try {
      while (!stopped && !leader && cursor !== null && laterCursor(cursor, target) !== cursor) {
        const page = await options.poll(cursor);
        deliverEvent('new_detections', page.detections);
        cursor = laterCursor(cursor, page.cursor);
        if (!page.hasMore) break;
      }
    } catch {
      /* the relayed stream carries on; rows before this tab joined may be missing until a reload */
    } finally {
      catchUp = 'done';
    }
  }

  const resumeCursor = () => (catchUp === 'done' ? laterCursor(cursor, leaderCursor) : cursor);

  // The leader's view of the browser: hidden only when every tab is.
  const sharedEnvironment: TEnvironment = {
    isOnline: () => env.isOnline(),
    isHidden: () => env.isHidden() && ![...followersVisible.values()].some(Boolean),
    onChange: (cb) => {
      leaderEnvListeners.add(cb);
      const off = env.onChange(cb);
      return () => {
        leaderEnvListeners.delete(cb);
        off();
      };
    },
  };
  const visibilityChanged = () => {
    for (const cb of leaderEnvListeners) cb();
  };

  channel.onmessage = (event: MessageEvent) => {
    const message = event.data as TMessage;
    if (stopped || !message || typeof message !== 'object') return;
    if (leader) {
      if (message.t === 'hello' || message.t === 'visible') {
        followersVisible.set(message.tab, message.visible);
        if (message.t === 'hello') post({ t: 'stats', stats: leader.getStats() });
        visibilityChanged();
      } else if (message.t === 'bye') {
        followersVisible.delete(message.tab);
        visibilityChanged();
      } else if (message.t === 'reconnect') leader.reconnect();
      else if (message.t === 'urgent') leader.setUrgent(message.value);
      return;
    }
    if (message.t === 'event') {
      deliverEvent(message.type, message.payload);
    } else if (message.t === 'stats') {
      setStats({ ...message.stats, role: 'follower' });
      leaderCursor = laterCursor(leaderCursor, message.stats.cursor);
      if (catchUp === 'not_started' && leaderCursor !== null) void catchUpTo(leaderCursor);
    }
  };

  // The followers' copy of the leader's cursor, after batches: at once after a
  // quiet spell, then at most every STATS_RELAY_MS (under attack batches come
  // dozens of times a second, and each message costs a structured clone and an
  // IPC hop in every tab). A follower that takes over from a cursor a little
  // behind reads a few rows again, which its seen-filter drops.
  let statsTimer: ReturnType<typeof setTimeout> | undefined;
  let statsRelayedAt = -Infinity;
  const relayStatsNow = () => {
    clearTimeout(statsTimer);
    statsTimer = undefined;
    statsRelayedAt = Date.now();
    if (leader) post({ t: 'stats', stats: leader.getStats() });
  };
  const relayStatsSoon = () => {
    if (statsTimer !== undefined) return;
    const wait = statsRelayedAt + STATS_RELAY_MS - Date.now();
    if (wait <= 0) relayStatsNow();
    else statsTimer = setTimeout(relayStatsNow, wait);
  };

  function becomeLeader() {
    if (stopped) return;
    leader = options.create({ cursor: resumeCursor(), environment: sharedEnvironment, role: 'leader' });
    for (const type of RELAYED) {
      leader.subscribe(type, (payload) => {
        if (type === 'new_detections') fresh(payload as TRealtimeEvents['new_detections']);
        emitter.emit(type, payload as never);
        post({ t: 'event', type, payload });
        if (type === 'new_detections') relayStatsSoon();
      });
    }
    leader.subscribe('state', () => {
      setStats(leader!.getStats());
      post({ t: 'stats', stats: leader!.getStats() });
    });
    setStats(leader.getStats());
    post({ t: 'stats', stats: leader.getStats() });
  }

  const onVisibility = () => post({ t: 'visible', tab, visible: !env.isHidden() });
  const offEnvironment = env.onChange(onVisibility);
  const onPageHide = () => {
    if (statsTimer !== undefined) relayStatsNow();
    post({ t: 'bye', tab });
  };
  globalThis.addEventListener?.('pagehide', onPageHide);

  void locks
    .request(`orylo-realtime:${options.key}`, { signal: release.signal }, () => {
      becomeLeader();
      return new Promise<void>((resolve) => {
        releaseLock = resolve;
        if (stopped) resolve();
      });
    })
    .catch(() => {
      /* aborted while waiting: this tab stopped as a follower */
    });
  post({ t: 'hello', tab, visible: !env.isHidden() });

  return {
    subscribe: emitter.subscribe,
    getState: (): TRealtimeState => stats.state,
    getStats: () => (leader ? { ...leader.getStats(), role: 'leader' } : stats),
    reconnect: () => (leader ? leader.reconnect() : post({ t: 'reconnect' })),
    setUrgent: (value) => (leader ? leader.setUrgent(value) : post({ t: 'urgent', value })),
    stop() {
      if (stopped) return;
      if (statsTimer !== undefined) relayStatsNow();
      post({ t: 'bye', tab });
      stopped = true;
      leader?.stop();
      leader = null;
      offEnvironment();
      globalThis.removeEventListener?.('pagehide', onPageHide);
      release.abort();
      releaseLock();
      channel.onmessage = null;
      channel.close();
    },
  };
}
