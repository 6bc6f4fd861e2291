// Per-instance counters and distributions of the live connections and the
// pollers, read by GET /api/admin/metrics (JSON) and GET /api/metrics
// (Prometheus). One copy per process (lib/process-state.ts).

import { processState } from '@/lib/process-state';

/** A bounded reservoir of recent samples for percentiles (the last N observations). */
class Recent {
  private values: number[] = [];
  constructor(private readonly size = 2_000) {}
  add(v: number) {
    this.values.push(v);
    if (this.values.length > this.size) this.values.splice(0, this.values.length - this.size);
  }
  percentiles(): { p50: number; p95: number; p99: number; count: number } {
    const sorted = [...this.values].sort((a, b) => a - b);
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);
    return { p50: at(0.5), p95: at(0.95), p99: at(0.99), count: sorted.length };
  }
}

/** Events per second over the last minute. */
class Rate {
  private stamps: number[] = [];
  mark(now = Date.now()) {
    this.stamps.push(now);
    if (this.stamps.length > 100_000) this.stamps.splice(0, 50_000);
  }
  perSecond(now = Date.now()): number {
    const since = now - 60_000;
    this.stamps = this.stamps.filter((t) => t >= since);
    return Math.round((this.stamps.length / 60) * 100) / 100;
  }
}

export type TObserver = {
  /** Called on every observation, for Prometheus histograms. */
  onPoll?: (seconds: number) => void;
  onDelivery?: (seconds: number) => void;
};

function createState() {
  return {
    activeConnections: 0,
    day: '',
    totalConnectionsToday: 0,
    totalConnections: 0,
    reconnections: 0,
    closedConnections: 0,
    closedDurationMsTotal: 0,
    openedAt: new Map<number, number>(),
    nextId: 1,
    activePollers: 0,
    polls: 0,
    pollErrors: 0,
    pollRate: new Rate(),
    pollMs: new Recent(),
    deliveryMs: new Recent(),
    eventsSent: 0,
    rowsSent: 0,
    errors: 0,
    rejected: {} as Record<string, number>,
    closedBy: {} as Record<string, number>,
    cursorLagXids: 0,
    observers: [] as TObserver[],
  };
}

const m = processState('realtime.metrics', createState);

const today = () => new Date().toISOString().slice(0, 10);

export const realtimeMetrics = {
  observe(observer: TObserver) {
    m.observers.push(observer);
  },
  connectionOpened(options: { resumed: boolean }): number {
    if (m.day !== today()) {
      m.day = today();
      m.totalConnectionsToday = 0;
    }
    m.totalConnectionsToday++;
    m.totalConnections++;
    if (options.resumed) m.reconnections++;
    m.activeConnections++;
    const id = m.nextId++;
    m.openedAt.set(id, Date.now());
    return id;
  },
  connectionClosed(id: number, reason: string) {
    const opened = m.openedAt.get(id);
    if (opened === undefined) return;
    m.openedAt.delete(id);
    m.activeConnections--;
    m.closedConnections++;
    m.closedDurationMsTotal += Date.now() - opened;
    m.closedBy[reason] = (m.closedBy[reason] ?? 0) + 1;
  },
  pollerStarted() {
    m.activePollers++;
  },
  pollerStopped() {
    m.activePollers--;
  },
  polled(ms: number, ok: boolean) {
    m.polls++;
    m.pollRate.mark();
    if (!ok) m.pollErrors++;
    m.pollMs.add(ms);
    m.observers.forEach((o) => o.onPoll?.(ms / 1000));
  },
  delivered(latencyMs: number) {
    m.deliveryMs.add(latencyMs);
    m.observers.forEach((o) => o.onDelivery?.(latencyMs / 1000));
  },
  eventSent(rows = 0) {
    m.eventsSent++;
    m.rowsSent += rows;
  },
  error() {
    m.errors++;
  },
  rejected(reason: string) {
    m.rejected[reason] = (m.rejected[reason] ?? 0) + 1;
  },
  cursorLag(xids: number) {
    m.cursorLagXids = xids;
  },
  snapshot() {
    const now = Date.now();
    let openMs = 0;
    for (const t of m.openedAt.values()) openMs += now - t;
    const count = m.closedConnections + m.openedAt.size;
    return {
      activeConnections: m.activeConnections,
      totalConnectionsToday: m.day === today() ? m.totalConnectionsToday : 0,
      totalConnections: m.totalConnections,
      reconnections: m.reconnections,
      // Seconds, over closed and still-open connections alike.
      avgConnectionDuration: count ? Math.round((m.closedDurationMsTotal + openMs) / count / 100) / 10 : 0,
      activePollers: m.activePollers,
      polls: m.polls,
      pollErrors: m.pollErrors,
      pollsPerSecond: m.pollRate.perSecond(now),
      pollDurationMs: m.pollMs.percentiles(),
      deliveryLatencyMs: m.deliveryMs.percentiles(),
      eventsSent: m.eventsSent,
      rowsSent: m.rowsSent,
      errors: m.errors,
      rejectedConnections: { ...m.rejected },
      closedConnections: { ...m.closedBy },
      cursorLagXids: m.cursorLagXids,
    };
  },
};

export type TRealtimeSnapshot = ReturnType<typeof realtimeMetrics.snapshot>;
