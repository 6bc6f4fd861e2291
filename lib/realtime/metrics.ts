// Per-instance counters of the live connections, read by GET /api/admin/metrics.

type Counters = {
  activeConnections: number;
  activePollers: number;
  day: string;
  totalConnectionsToday: number;
  closedConnections: number;
  closedDurationMsTotal: number;
  eventsSent: number;
  rowsSent: number;
  polls: number;
  pollErrors: number;
  rejected: Record<string, number>;
  openedAt: Map<number, number>;
  nextId: number;
};

const globalForMetrics = globalThis as unknown as { oryloSseMetrics?: Counters };
const m = (globalForMetrics.oryloSseMetrics ??= {
  activeConnections: 0,
  activePollers: 0,
  day: '',
  totalConnectionsToday: 0,
  closedConnections: 0,
  closedDurationMsTotal: 0,
  eventsSent: 0,
  rowsSent: 0,
  polls: 0,
  pollErrors: 0,
  rejected: {} as Record<string, number>,
  openedAt: new Map(),
  nextId: 1,
});

const today = () => new Date().toISOString().slice(0, 10);

export const sseMetrics = {
  connectionOpened(): number {
    if (m.day !== today()) {
      m.day = today();
      m.totalConnectionsToday = 0;
    }
    m.totalConnectionsToday++;
    m.activeConnections++;
    m.activePollers++;
    const id = m.nextId++;
    m.openedAt.set(id, Date.now());
    return id;
  },
  connectionClosed(id: number) {
    const opened = m.openedAt.get(id);
    if (opened === undefined) return;
    m.openedAt.delete(id);
    m.activeConnections--;
    m.activePollers--;
    m.closedConnections++;
    m.closedDurationMsTotal += Date.now() - opened;
  },
  eventSent(rows = 0) {
    m.eventsSent++;
    m.rowsSent += rows;
  },
  polled(ok: boolean) {
    m.polls++;
    if (!ok) m.pollErrors++;
  },
  rejected(reason: string) {
    m.rejected[reason] = (m.rejected[reason] ?? 0) + 1;
  },
  snapshot() {
    const now = Date.now();
    let openMs = 0;
    for (const t of m.openedAt.values()) openMs += now - t;
    const count = m.closedConnections + m.openedAt.size;
    return {
      activeConnections: m.activeConnections,
      totalConnectionsToday: m.day === today() ? m.totalConnectionsToday : 0,
      // Seconds, over closed and still-open connections alike.
      avgConnectionDuration: count ? Math.round((m.closedDurationMsTotal + openMs) / count / 100) / 10 : 0,
      activePollers: m.activePollers,
      eventsSent: m.eventsSent,
      rowsSent: m.rowsSent,
      polls: m.polls,
      pollErrors: m.pollErrors,
      rejectedConnections: { ...m.rejected },
    };
  },
};
