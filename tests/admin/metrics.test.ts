import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OryloSession } from '@/scripts/lib/http-client';
import { adminSession, BASE_URL, newMerchant, type Merchant } from '../helpers/env';
import { SseReader } from '../helpers/sse';

// GET /api/metrics (Prometheus text) over real HTTP against the running server.

let m: Merchant;
let admin: OryloSession;
const open: SseReader[] = [];

beforeAll(async () => {
  m = await newMerchant('metrics');
  admin = await adminSession();
});
afterAll(() => open.forEach((r) => r.close()));

/** One sample's value from the exposition; NaN when the series is missing. */
function sample(body: string, series: string): number {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? Number.NaN : Number(line.slice(series.length + 1));
}

async function scrape(): Promise<string> {
  const res = await admin.fetch('/api/metrics');
  expect(res.status).toBe(200);
  return res.text();
}

const activeConnections = async () => sample(await scrape(), 'sse_connections_active');

async function waitForActive(expected: number, timeoutMs = 5_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let value = await activeConnections();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await activeConnections();
  }
  return value;
}

describe('GET /api/metrics', () => {
  it('401 without credentials, as a JSON error', async () => {
    const res = await fetch(`${BASE_URL}/api/metrics`);
    expect(res.status).toBe(401);
    expect((await res.json()).error).toEqual({ code: 'unauthorized', message: expect.any(String) });
  });

  it('403 for a signed-in user who is not a platform admin', async () => {
    const res = await m.session.fetch('/api/metrics');
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.error.code).toBe('forbidden');
    expect(body.error.message).toMatch(/admin/i);
  });

  it('Prometheus text for a platform admin, with the stream metrics and histograms', async () => {
    const res = await admin.fetch('/api/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.text();
    for (const declaration of [
      '# TYPE sse_connections_active gauge',
      '# TYPE sse_connections_total counter',
      '# TYPE sse_events_sent_total counter',
      '# TYPE sse_reconnections_total counter',
      '# TYPE sse_errors_total counter',
      '# TYPE realtime_pollers_active gauge',
      '# TYPE realtime_poll_duration_seconds histogram',
      '# TYPE realtime_delivery_latency_seconds histogram',
      '# TYPE process_resident_memory_bytes gauge',
    ]) {
      expect(body).toContain(declaration);
    }
    expect(sample(body, 'sse_connections_active')).toBeGreaterThanOrEqual(0);
    expect(sample(body, 'realtime_poll_duration_seconds_bucket{le="+Inf"}')).toBeGreaterThanOrEqual(0);
  });

  it('sse_connections_active moves up by k as k streams open, and back as they close', async () => {
    const before = await activeConnections();
    const k = 4;
    const readers = await Promise.all(Array.from({ length: k }, () => SseReader.open({ cookie: m.session.cookieHeader })));
    open.push(...readers);
    await Promise.all(readers.map((r) => r.waitFor(() => r.messages.length > 0, 5_000, 'connected')));
    expect(await waitForActive(before + k)).toBe(before + k);
    expect(sample(await scrape(), 'realtime_pollers_active')).toBeGreaterThanOrEqual(1);

    readers.forEach((r) => r.close());
    expect(await waitForActive(before)).toBe(before);
  });

  it('a METRICS_TOKEN bearer scrapes without a session; a wrong one is a 401', async () => {
    const wrong = await fetch(`${BASE_URL}/api/metrics`, { headers: { authorization: 'Bearer not-the-metrics-token-0000' } });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe('unauthorized');

    // The server gets METRICS_TOKEN from scripts/test.ts; without it only the refusal above is checked.
    const token = process.env.METRICS_TOKEN;
    if (token) {
      const res = await fetch(`${BASE_URL}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('# TYPE sse_connections_active gauge');
      const truncated = await fetch(`${BASE_URL}/api/metrics`, { headers: { authorization: `Bearer ${token.slice(0, -1)}` } });
      expect(truncated.status).toBe(401);
    }
  });
});
