import { DEFAULT_REALTIME_CONFIG, type TRealtimeConfig } from './config';
import { deadAfterMs, laterCursor, parseStreamEvent } from '@/lib/stream-protocol';
import { createEmitter } from './emitter';
import { createSeenFilter } from './seen';
import {
  RealtimeHttpError,
  type TEnvironment,
  type TPollPage,
  type TRealtimeClient,
  type TRealtimeState,
  type TRealtimeStats,
  type TStreamFailure,
  type TTransport,
} from './types';

// The browser's realtime client, free of React: one stream of the active
// organization, resumed from its last cursor after any failure, with a
// polling fallback, so every detection is shown once whatever the network does.
// See README "Realtime client" for the states and timings.


export type TRealtimeClientOptions = {
  transport: TTransport;
  /** GET /api/v1/detections?after=<cursor>; throws RealtimeHttpError on an HTTP error. */
  poll: (cursor: string) => Promise<TPollPage>;
  /** Where to start: the streamCursor of the list on screen (null: the present). */
  cursor: string | null;
  streamUrl?: string;
  environment: TEnvironment;
  /** After `reset`: refetch the lists and return their streamCursor. */
  onReset?: () => Promise<string | null>;
  config?: Partial<TRealtimeConfig>;
  random?: () => number;
  role?: TRealtimeStats['role'];
};

export function createRealtimeClient(options: TRealtimeClientOptions): TRealtimeClient {
  const config = { ...DEFAULT_REALTIME_CONFIG, ...options.config };
  const random = options.random ?? Math.random;
  const env = options.environment;
  const streamUrl = options.streamUrl ?? '/api/v1/events';
  const emitter = createEmitter();

  let cursor = options.cursor;
  let state: TRealtimeState = 'connecting';
  let stopped = false;
  let paused = false;
  let urgent = false;
  // The stream: one at a time; `generation` makes callbacks of a replaced one no-ops.
  let generation = 0;
  let closeStream: (() => void) | null = null;
  let liveSince: number | null = null;
  let everFailed = false;
  let failures = 0;
  let retryHintMs: number | null = null;
  // Until a stream's `connected` says the server's heartbeat interval: the default's.
  let silenceLimitMs = config.deadAfterMs;
  let lastFailure: string | null = null;
  let nextRetryAt: number | null = null;
  // Polling fallback.
  let polling = false;
  let pollFailing = false;
  let pollingSince: number | null = null;
  let pollGeneration = 0;
  const stats = { streamsOpened: 0, eventsReceived: 0, detectionsReceived: 0, polls: 0, lastEventAt: null as number | null };
  const fresh = createSeenFilter(config.rememberedIds);
  const timers = { retry: undefined as Timer, watchdog: undefined as Timer, connect: undefined as Timer, healthy: undefined as Timer, poll: undefined as Timer, hidden: undefined as Timer };

  const setState = () => {
    const next: TRealtimeState =
      paused || !env.isOnline() ? 'offline'
      : liveSince !== null ? 'live'
      : polling ? (pollFailing ? 'offline' : 'polling')
      : everFailed ? 'reconnecting'
      : 'connecting';
    if (next === state) return;
    state = next;
    emitter.emit('state', next);
  };

  const deliver = (rows: TPollPage['detections']) => {
    const news = fresh(rows);
    stats.detectionsReceived += news.length;
    if (news.length > 0) emitter.emit('new_detections', news);
  };

  function dropStream() {
    generation += 1;
    closeStream?.();
    closeStream = null;
    liveSince = null;
    for (const t of [timers.watchdog, timers.connect, timers.healthy]) clearTimeout(t);
  }

  function backoffMs(): number {
    const base = Math.min(config.backoffMaxMs, config.backoffStartMs * 2 ** Math.max(0, failures - 1));
    const jittered = base * (1 - config.jitter + 2 * config.jitter * random());
    return Math.round(Math.min(config.backoffMaxMs, jittered));
  }

  function openStream() {
    if (stopped || paused) return;
    clearTimeout(timers.retry);
    nextRetryAt = null;
    dropStream();
    if (!env.isOnline()) return setState();
    const mine = ++generation;
    stats.streamsOpened += 1;
    const url = cursor ? `${streamUrl}?lastEventId=${encodeURIComponent(cursor)}` : streamUrl;
    closeStream = options.transport.open(url, {
      onMessage: (m) => mine === generation && onMessage(m),
      onRetryHint: (ms) => {
        if (mine === generation) retryHintMs = ms;
      },
      onFailure: (f) => mine === generation && onStreamFailure(f),
    });
    timers.connect = setTimeout(() => mine === generation && onStreamFailure({ reason: 'no_connected_event' }), config.connectTimeoutMs);
    armWatchdog(mine);
    setState();
  }

  function armWatchdog(mine: number) {
    clearTimeout(timers.watchdog);
    timers.watchdog = setTimeout(() => mine === generation && onStreamFailure({ reason: 'silent_for_too_long' }), silenceLimitMs);
  }

  function onMessage(m: { data: string; id?: string }) {
    const mine = generation;
    armWatchdog(mine);
    stats.eventsReceived += 1;
    stats.lastEventAt = Date.now();
    const message = parseStreamEvent(m.data);
    if (!message) return;
    switch (message.type) {
      case 'connected':
        clearTimeout(timers.connect);
        // The server's heartbeat sets how long a silence means a dead connection.
        silenceLimitMs = deadAfterMs(message.heartbeatMs);
        armWatchdog(mine);
        liveSince = Date.now();
        cursor = laterCursor(cursor, m.id);
        stopPolling();
        timers.healthy = setTimeout(() => {
          if (mine === generation) failures = 0;
        }, config.healthyAfterMs);
        break;
      case 'new_detections':
        deliver(message.data);
        break;
      case 'detection_updated':
        emitter.emit('detection_updated', message.data);
        break;
      case 'reset':
        void reset();
        return;
      case 'attack_started':
      case 'attack_updated':
      case 'attack_ended':
        emitter.emit(message.type, message.attack);
        break;
    }
    // After the rows are handed over: a subscriber that reads getStats() sees the cursor of what it has.
    cursor = laterCursor(cursor, m.id);
    setState();
  }

  function onStreamFailure(failure: TStreamFailure) {
    const healthy = liveSince !== null && Date.now() - liveSince >= config.healthyAfterMs;
    dropStream();
    lastFailure = failure.reason;
    if (failure.status === 401 || failure.status === 403) return unauthorized(failure.status);
    // 400: the server cannot read our cursor; start again from fresh lists.
    if (failure.status === 400) return void reset();
    everFailed = true;
    failures = healthy ? 1 : failures + 1;
    if (failures >= config.fallbackAfter && !polling) startPolling();
    const hint = retryHintMs;
    retryHintMs = null;
    const delay = failure.retryAfterMs ?? (healthy && hint !== null ? hint : backoffMs());
    scheduleStream(delay);
    setState();
  }

  function scheduleStream(delay: number) {
    clearTimeout(timers.retry);
    if (stopped || paused || !env.isOnline()) return; // 'online' / visibility will reopen it
    nextRetryAt = Date.now() + delay;
    timers.retry = setTimeout(openStream, delay);
  }

  function startPolling() {
    polling = true;
    pollFailing = false;
    pollingSince = Date.now();
    void pollOnce();
  }

  function stopPolling() {
    polling = false;
    pollFailing = false;
    pollingSince = null;
    pollGeneration += 1;
    clearTimeout(timers.poll);
  }

  async function pollOnce() {
    clearTimeout(timers.poll);
    if (!polling || stopped || paused) return;
    const mine = ++pollGeneration;
    let next = urgent ? config.urgentPollIntervalMs : config.pollIntervalMs;
    if (cursor !== null && env.isOnline()) {
      try {
        stats.polls += 1;
        const page = await options.poll(cursor);
        if (mine !== pollGeneration) return;
        pollFailing = false;
        stats.lastEventAt = Date.now();
        deliver(page.detections);
        cursor = laterCursor(cursor, page.cursor);
        if (page.hasMore) next = 0;
      } catch (error) {
        if (mine !== pollGeneration) return;
        const status = error instanceof RealtimeHttpError ? error.status : undefined;
        if (status === 401 || status === 403) return unauthorized(status);
        pollFailing = true;
        // The badge tells a server that refused or failed from a device with no network.
        lastFailure = status !== undefined ? `http_${status}` : 'network_error';
        if (error instanceof RealtimeHttpError && error.retryAfterMs !== undefined) next = Math.max(next, error.retryAfterMs);
      }
    }
    setState();
    timers.poll = setTimeout(() => void pollOnce(), next);
  }

  async function reset() {
    dropStream();
    emitter.emit('reset', null);
    const mine = generation;
    let next: string | null = null;
    try {
      next = options.onReset ? await options.onReset() : null;
    } catch {
      /* the lists could not be refetched: start at the present */
    }
    if (mine !== generation || stopped) return;
    cursor = next;
    openStream();
  }

  function unauthorized(status: 401 | 403) {
    stop();
    state = 'offline';
    emitter.emit('state', state);
    emitter.emit('unauthorized', status);
  }

  function pause() {
    paused = true;
    everFailed = true;
    dropStream();
    clearTimeout(timers.retry);
    clearTimeout(timers.poll);
    setState();
  }

  function resume() {
    if (!paused || stopped) return;
    paused = false;
    failures = 0;
    openStream();
    if (polling) void pollOnce();
  }

  const onEnvironment = () => {
    if (stopped) return;
    if (env.isHidden()) {
      timers.hidden ??= setTimeout(pause, config.hiddenPauseMs);
    } else {
      clearTimeout(timers.hidden);
      timers.hidden = undefined;
      if (paused) return resume();
    }
    if (paused) return setState();
    if (!env.isOnline()) {
      // Nothing can get through: wait for 'online' instead of burning the backoff.
      everFailed = true;
      dropStream();
      clearTimeout(timers.retry);
      nextRetryAt = null;
    } else if (closeStream === null) {
      // Back online (or shown again while waiting to retry): try now.
      openStream();
      if (polling) void pollOnce();
    }
    setState();
  };

  function stop() {
    stopped = true;
    dropStream();
    stopPolling();
    for (const t of Object.values(timers)) clearTimeout(t);
    offEnvironment();
  }

  const offEnvironment = env.onChange(onEnvironment);
  openStream();
  if (env.isHidden()) timers.hidden = setTimeout(pause, config.hiddenPauseMs);

  return {
    subscribe: emitter.subscribe,
    getState: () => state,
    getStats: () => ({
      state,
      role: options.role ?? 'solo',
      cursor,
      lastEventAt: stats.lastEventAt,
      liveSince,
      pollingSince,
      failures,
      streamsOpened: stats.streamsOpened,
      eventsReceived: stats.eventsReceived,
      detectionsReceived: stats.detectionsReceived,
      polls: stats.polls,
      nextRetryAt,
      lastFailure,
      paused,
    }),
    reconnect() {
      if (stopped) return;
      paused = false;
      openStream();
    },
    setUrgent(value) {
      const changed = urgent !== value;
      urgent = value;
      if (changed && polling) void pollOnce();
    },
    stop,
  };
}

type Timer = ReturnType<typeof setTimeout> | undefined;
