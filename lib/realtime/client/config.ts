import { DEFAULT_HEARTBEAT_MS, deadAfterMs } from '@/lib/stream-protocol';

// The realtime client's timings (see README "The realtime client").

export const DEFAULT_REALTIME_CONFIG = {
  backoffStartMs: 1_000,
  backoffMaxMs: 30_000,
  /** ±20 % so that a thousand dashboards do not reconnect in step after a deploy. */
  jitter: 0.2,
  /** Until `connected` gives the server's heartbeat interval: two default heartbeats of silence is a dead connection. */
  deadAfterMs: deadAfterMs(DEFAULT_HEARTBEAT_MS),
  /** An open response that sends nothing (a buffering proxy) counts as failed after this. */
  connectTimeoutMs: 15_000,
  /** A stream that stayed up this long was healthy: the failure count starts again. */
  healthyAfterMs: 30_000,
  /** Failed or short-lived streams in a row before polling takes over. */
  fallbackAfter: 3,
  pollIntervalMs: 5_000,
  urgentPollIntervalMs: 2_000,
  /** A tab hidden this long lets go of its connection; it catches up when shown. */
  hiddenPauseMs: 5 * 60_000,
  /** Ids remembered to drop rows a resumed stream or an overlapping poll repeats. */
  rememberedIds: 5_000,
};

export type TRealtimeConfig = typeof DEFAULT_REALTIME_CONFIG;
