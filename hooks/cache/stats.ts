// The counters (GET /api/v1/stats) are not patched from events: they are
// computed by the server (today from 00:00 UTC, the last hour by minute), so
// an event only asks for a refresh. Under attack batches arrive many times a
// second; the counters need not.

export const STATS_MIN_INTERVAL_MS = 2_000;

/** How long until the next refresh may run: at once after a quiet spell, else when the interval since the last one is up. */
export function statsRefreshDelayMs(lastRefreshAt: number, now: number, minIntervalMs = STATS_MIN_INTERVAL_MS): number {
  return Math.max(0, lastRefreshAt + minIntervalMs - now);
}
