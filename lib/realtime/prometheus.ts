import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { processState } from '@/lib/process-state';
import { realtimeMetrics, type TRealtimeSnapshot } from './metrics';

// The Prometheus view of lib/realtime/metrics.ts, served by GET /api/metrics.
//
// Gauges and counters are not incremented where things happen: the hub keeps
// its own totals, and each metric copies them in its `collect()` at scrape
// time from one snapshot, so the JSON (/api/admin/metrics) and Prometheus
// views can never disagree. Counters are filled with reset() + inc(total): the
// exposition keeps TYPE counter (rate() and increase() work, and a process
// restart reads as an ordinary counter reset), which a Gauge with set() would
// lose. Histograms need every observation, so they are fed live through an
// observer on realtimeMetrics.
//
// A private Registry, not prom-client's global one, so nothing else that
// imports prom-client can add to or collide with our exposition. One per
// process (lib/process-state.ts): a second copy would register a second
// observer and a second set of default process collectors.

/** 1 ms … 10 s: a poll is a few ms, a nudged delivery well under 1 s, a polled one up to the interval. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type TSnapshotReader = () => TRealtimeSnapshot;
/** The snapshot of the scrape in progress: one scrape runs every collect(), and they should agree. */
type TScrape = { current?: TRealtimeSnapshot };

function gauge(register: Registry, name: string, help: string, read: (s: TRealtimeSnapshot) => number, snap: TSnapshotReader) {
  new Gauge({
    name,
    help,
    registers: [register],
    collect() {
      this.set(read(snap()));
    },
  });
}

function counter(register: Registry, name: string, help: string, read: (s: TRealtimeSnapshot) => number, snap: TSnapshotReader) {
  new Counter({
    name,
    help,
    registers: [register],
    collect() {
      this.reset();
      this.inc(read(snap()));
    },
  });
}

function counterByReason(register: Registry, name: string, help: string, read: (s: TRealtimeSnapshot) => Record<string, number>, snap: TSnapshotReader) {
  new Counter({
    name,
    help,
    labelNames: ['reason'] as const,
    registers: [register],
    collect() {
      this.reset();
      for (const [reason, n] of Object.entries(read(snap()))) this.inc({ reason }, n);
    },
  });
}

function createRegistry(scrape: TScrape): Registry {
  const register = new Registry();
  // Outside renderPrometheus (someone calling register.metrics() directly) each metric reads its own.
  const snap: TSnapshotReader = () => scrape.current ?? realtimeMetrics.snapshot();

  gauge(register, 'sse_connections_active', 'Open SSE streams on this instance.', (s) => s.activeConnections, snap);
  counter(register, 'sse_connections_total', 'SSE streams opened since the process started.', (s) => s.totalConnections, snap);
  counter(register, 'sse_reconnections_total', 'SSE streams opened with a resume cursor (Last-Event-ID).', (s) => s.reconnections, snap);
  counter(register, 'sse_events_sent_total', 'Events written to SSE streams (detection batches and heartbeats).', (s) => s.eventsSent, snap);
  counter(register, 'sse_rows_sent_total', 'Detection rows written to SSE streams.', (s) => s.rowsSent, snap);
  counter(register, 'sse_errors_total', 'Errors on SSE streams (failed writes, failed reads).', (s) => s.errors, snap);
  counterByReason(register, 'sse_rejected_connections_total', 'SSE streams refused before opening, by reason.', (s) => s.rejectedConnections, snap);
  counterByReason(register, 'sse_closed_connections_total', 'SSE streams closed, by reason.', (s) => s.closedConnections, snap);

  gauge(register, 'realtime_pollers_active', 'Per-organization pollers running on this instance.', (s) => s.activePollers, snap);
  counter(register, 'realtime_polls_total', 'Database polls for new detections.', (s) => s.polls, snap);
  counter(register, 'realtime_poll_errors_total', 'Database polls that failed.', (s) => s.pollErrors, snap);
  gauge(register, 'realtime_cursor_lag_xids', 'How many transaction ids the safe horizon trails the newest one (an open transaction holds it back).', (s) => s.cursorLagXids, snap);

  const pollDuration = new Histogram({
    name: 'realtime_poll_duration_seconds',
    help: 'Time one poll of the database takes.',
    buckets: LATENCY_BUCKETS,
    registers: [register],
  });
  const deliveryLatency = new Histogram({
    name: 'realtime_delivery_latency_seconds',
    help: 'From a detection commit to its write on an SSE stream.',
    buckets: LATENCY_BUCKETS,
    registers: [register],
  });
  // Observations start when the registry is first built (the first scrape).
  realtimeMetrics.observe({
    onPoll: (seconds) => pollDuration.observe(seconds),
    onDelivery: (seconds) => deliveryLatency.observe(seconds),
  });

  collectDefaultMetrics({ register });
  return register;
}

type TPrometheus = { register: Registry; scrape: TScrape };
function prometheus(): TPrometheus {
  return processState('realtime.prometheus', () => {
    const scrape: TScrape = {};
    return { register: createRegistry(scrape), scrape };
  });
}

/** The process's Prometheus registry, built on first use. */
export function prometheusRegistry(): Registry {
  return prometheus().register;
}

/** The exposition for GET /api/metrics. */
export async function renderPrometheus(): Promise<{ contentType: string; body: string }> {
  const { register, scrape } = prometheus();
  // Concurrent scrapes may overwrite or clear this early: each value is still a fresh snapshot.
  scrape.current = realtimeMetrics.snapshot();
  try {
    return { contentType: register.contentType, body: await register.metrics() };
  } finally {
    scrape.current = undefined;
  }
}
