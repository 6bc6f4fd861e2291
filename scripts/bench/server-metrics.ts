import type { OryloSession } from '@/scripts/lib/http-client';

// GET /api/admin/metrics read as the bench's platform admin. Every field is
// optional: the bench reports what the server exposes and never fails on a
// missing one.

export type TServerMetrics = {
  strategy?: string;
  activeConnections?: number;
  activePollers?: number;
  polls?: number;
  pollsPerSecond?: number;
  pollDurationMs?: { p50?: number; p95?: number; p99?: number };
  deliveryLatencyMs?: { p50?: number; p95?: number; p99?: number };
  eventsSent?: number;
  rowsSent?: number;
  rejectedConnections?: Record<string, number>;
  processRssBytes?: number;
  heapUsedBytes?: number;
  raw: unknown;
};

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const pct = (v: unknown) => {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  return { p50: num(o.p50), p95: num(o.p95), p99: num(o.p99) };
};

export async function readServerMetrics(admin: OryloSession | undefined): Promise<TServerMetrics | null> {
  if (!admin) return null;
  try {
    const res = await admin.fetch('/api/admin/metrics', { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) return null;
    const body = (await res.json()) as Record<string, any>;
    const sse = (body?.sse ?? {}) as Record<string, unknown>;
    return {
      strategy: typeof sse.strategy === 'string' ? sse.strategy : typeof body?.strategy === 'string' ? body.strategy : undefined,
      activeConnections: num(sse.activeConnections),
      activePollers: num(sse.activePollers),
      polls: num(sse.polls),
      pollsPerSecond: num(sse.pollsPerSecond),
      pollDurationMs: pct(sse.pollDurationMs),
      deliveryLatencyMs: pct(sse.deliveryLatencyMs),
      eventsSent: num(sse.eventsSent),
      rowsSent: num(sse.rowsSent),
      rejectedConnections: (sse.rejectedConnections as Record<string, number>) ?? undefined,
      processRssBytes: num(body?.process?.rssBytes),
      heapUsedBytes: num(body?.process?.heapUsedBytes),
      raw: body,
    };
  } catch {
    return null;
  }
}

/**
 * The counters at a phase's edge, from GET /api/metrics with the
 * METRICS_TOKEN bearer: unlike the admin JSON (a session lookup, a few
 * transactions) it costs the database nothing, so it cannot blur the
 * transaction count. Falls back to the admin JSON when unavailable.
 */
export async function readCounters(baseUrl: string, token: string, admin: OryloSession | undefined): Promise<TServerMetrics | null> {
  try {
    const res = await fetch(`${baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
    if (res.ok) {
      const values = new Map<string, number>();
      for (const line of (await res.text()).split('\n')) {
        if (!line || line.startsWith('#') || line.includes('{')) continue;
        const space = line.lastIndexOf(' ');
        values.set(line.slice(0, space), Number(line.slice(space + 1)));
      }
      if (values.has('realtime_polls_total')) {
        return {
          activeConnections: values.get('sse_connections_active'),
          activePollers: values.get('realtime_pollers_active'),
          polls: values.get('realtime_polls_total'),
          eventsSent: values.get('sse_events_sent_total'),
          rowsSent: values.get('sse_rows_sent_total'),
          processRssBytes: values.get('process_resident_memory_bytes'),
          heapUsedBytes: values.get('nodejs_heap_size_used_bytes'),
          raw: 'prometheus',
        };
      }
    }
  } catch {
    /* fall back */
  }
  return readServerMetrics(admin);
}

/** Polls per second between two readings, from the server's poll counter. */
export function pollRate(a: TServerMetrics | null, b: TServerMetrics | null, seconds: number): number | undefined {
  if (a?.polls === undefined || b?.polls === undefined || seconds <= 0) return undefined;
  return Math.round(((b.polls - a.polls) / seconds) * 100) / 100;
}
