import { describe, expect, it } from 'vitest';
import { realtimeMetrics } from './metrics';
import { renderPrometheus } from './prometheus';

// The Prometheus exposition mirrors realtimeMetrics at scrape time.

/** The value of one sample line, e.g. value(body, 'sse_rejected_connections_total{reason="per_ip"}'). */
function value(body: string, series: string): number {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? Number.NaN : Number(line.slice(series.length + 1));
}

describe('renderPrometheus', () => {
  it('declares the realtime metrics with their types, and process metrics', async () => {
    const { contentType, body } = await renderPrometheus();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const [name, type] of [
      ['sse_connections_active', 'gauge'],
      ['sse_connections_total', 'counter'],
      ['sse_events_sent_total', 'counter'],
      ['sse_rows_sent_total', 'counter'],
      ['sse_reconnections_total', 'counter'],
      ['sse_errors_total', 'counter'],
      ['sse_rejected_connections_total', 'counter'],
      ['realtime_pollers_active', 'gauge'],
      ['realtime_polls_total', 'counter'],
      ['realtime_poll_errors_total', 'counter'],
      ['realtime_cursor_lag_xids', 'gauge'],
      ['realtime_poll_duration_seconds', 'histogram'],
      ['realtime_delivery_latency_seconds', 'histogram'],
      ['process_resident_memory_bytes', 'gauge'],
    ]) {
      expect(body, name).toContain(`# TYPE ${name} ${type}\n`);
    }
  });

  it('reads gauges and counters from the snapshot at scrape time', async () => {
    const before = (await renderPrometheus()).body;
    const ids = [realtimeMetrics.connectionOpened({ resumed: false }), realtimeMetrics.connectionOpened({ resumed: true })];
    realtimeMetrics.eventSent(3);
    realtimeMetrics.rejected('test_reason');
    const during = (await renderPrometheus()).body;
    expect(value(during, 'sse_connections_active')).toBe(value(before, 'sse_connections_active') + 2);
    expect(value(during, 'sse_connections_total')).toBe(value(before, 'sse_connections_total') + 2);
    expect(value(during, 'sse_reconnections_total')).toBe(value(before, 'sse_reconnections_total') + 1);
    expect(value(during, 'sse_events_sent_total')).toBe(value(before, 'sse_events_sent_total') + 1);
    expect(value(during, 'sse_rows_sent_total')).toBe(value(before, 'sse_rows_sent_total') + 3);
    expect(value(during, 'sse_rejected_connections_total{reason="test_reason"}')).toBeGreaterThanOrEqual(1);

    ids.forEach((id) => realtimeMetrics.connectionClosed(id, 'test_close'));
    const after = (await renderPrometheus()).body;
    expect(value(after, 'sse_connections_active')).toBe(value(before, 'sse_connections_active'));
    expect(value(after, 'sse_connections_total')).toBe(value(during, 'sse_connections_total'));
  });

  it('feeds the histograms live, in seconds', async () => {
    const before = (await renderPrometheus()).body;
    realtimeMetrics.polled(3, true); // 3 ms
    realtimeMetrics.delivered(400); // 400 ms
    const after = (await renderPrometheus()).body;
    expect(value(after, 'realtime_poll_duration_seconds_count')).toBe(value(before, 'realtime_poll_duration_seconds_count') + 1);
    expect(value(after, 'realtime_poll_duration_seconds_bucket{le="0.005"}')).toBe(value(before, 'realtime_poll_duration_seconds_bucket{le="0.005"}') + 1);
    expect(value(after, 'realtime_delivery_latency_seconds_bucket{le="0.25"}')).toBe(value(before, 'realtime_delivery_latency_seconds_bucket{le="0.25"}'));
    expect(value(after, 'realtime_delivery_latency_seconds_bucket{le="0.5"}')).toBe(value(before, 'realtime_delivery_latency_seconds_bucket{le="0.5"}') + 1);
  });
});
