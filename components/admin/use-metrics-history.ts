'use client';

import { useState } from 'react';
import type { TAdminMetrics } from './admin-metrics-query';

// The last minutes of polled figures, for the live charts. Browser memory
// only: the server keeps no history, and a reload starts a new one.

export const HISTORY_MS = 10 * 60_000;

export type TSample = { t: number; activeConnections: number; pollsPerSecond: number };

/** Appends one sample per successful poll (keyed by its fetch time) and drops those older than HISTORY_MS. */
export function useMetricsHistory(data: TAdminMetrics | undefined, updatedAt: number): TSample[] {
  const [samples, setSamples] = useState<TSample[]>([]);
  const [seenAt, setSeenAt] = useState(0);
  // Derived from the newest poll during render (React's "store information
  // from previous renders" pattern): no effect, no extra commit.
  if (data && updatedAt !== seenAt) {
    setSeenAt(updatedAt);
    setSamples((previous) => [
      ...previous.filter((s) => s.t > updatedAt - HISTORY_MS),
      { t: updatedAt, activeConnections: data.sse.activeConnections, pollsPerSecond: data.sse.pollsPerSecond },
    ]);
  }
  return samples;
}
