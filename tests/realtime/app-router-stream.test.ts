import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OryloSession } from '@/scripts/lib/http-client';
import { adminSession, cardTestingAttempt, newMerchant, type Merchant } from '../helpers/env';
import { startExtraServer } from '../helpers/server';
import { SseReader } from '../helpers/sse';

// Plain `next start` (as on a serverless host): the App Router route serves
// the stream instead of the lean Node handler, and must behave the same.

let server: Awaited<ReturnType<typeof startExtraServer>>;
let m: Merchant;
let admin: OryloSession;
const readers: SseReader[] = [];

beforeAll(async () => {
  server = await startExtraServer({ REALTIME_POLL_INTERVAL_MS: '1000', REALTIME_HEARTBEAT_MS: '1000' }, { plainNext: true });
  m = await newMerchant('app-router');
  admin = await adminSession(server.url);
}, 60_000);
afterAll(async () => {
  readers.forEach((r) => r.close());
  await server.stop();
});

async function ingest() {
  const res = await fetch(`${server.url}/api/v1/transactions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ externalId: `ar-${crypto.randomUUID()}`, amount: 100, currency: 'EUR' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()).detection;
}

describe('the App Router stream route', () => {
  it('carries the war room: the attack feed is plugged in at start-up by instrumentation.ts', async () => {
    const a = await newMerchant('app-router-attack');
    const r = await SseReader.open({ baseUrl: server.url, cookie: a.session.cookieHeader });
    readers.push(r);
    await r.waitFor(() => r.ofType('connected').length === 1, 5_000, 'connected');
    for (let i = 0; i < 25; i++) {
      const res = await fetch(`${server.url}/api/v1/transactions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${a.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ currency: 'USD', ...cardTestingAttempt(i) }),
      });
      expect(res.status).toBe(201);
    }
    await r.waitFor(() => r.ofType('attack_started').length === 1, 10_000, 'attack_started');
    expect(r.ofType('attack_started')[0].data.attack).toMatchObject({ status: 'open' });
    // The next test counts this server's streams down to zero.
    r.close();
  });

  it('answers like the lean handler: 401, 400, headers, connected, heartbeat, live detections, resume, cleanup', async () => {
    expect((await SseReader.open({ baseUrl: server.url })).response.status).toBe(401);
    const bad = await SseReader.open({ baseUrl: server.url, cookie: m.session.cookieHeader, lastEventId: 'nope' });
    expect(bad.response.status).toBe(400);

    const r = await SseReader.open({ baseUrl: server.url, cookie: m.session.cookieHeader });
    readers.push(r);
    expect(r.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(r.response.headers.get('x-accel-buffering')).toBe('no');
    await r.waitFor(() => r.ofType('heartbeat').length > 0, 5_000, 'a heartbeat');
    expect(r.messages[0].data).toMatchObject({ type: 'connected', orgId: m.orgId, heartbeatMs: 1000 });
    const d1 = await ingest();
    await r.waitFor(() => r.detections().some((d) => d.id === d1.id), 5_000, 'a live detection');
    const cursor = r.lastId()!;
    r.close();

    const d2 = await ingest();
    const resumed = await SseReader.open({ baseUrl: server.url, cookie: m.session.cookieHeader, lastEventId: cursor });
    readers.push(resumed);
    await resumed.waitFor(() => resumed.detections().length > 0, 5_000, 'the missed detection');
    expect(resumed.detections().map((d) => d.id)).toEqual([d2.id]);
    resumed.close();

    const deadline = Date.now() + 5_000;
    let sse = (await admin.json('/api/admin/metrics')).sse;
    while ((sse.activeConnections !== 0 || sse.activePollers !== 0) && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 100));
      sse = (await admin.json('/api/admin/metrics')).sse;
    }
    expect([sse.activeConnections, sse.activePollers]).toEqual([0, 0]);
  });

  it('answers HEAD with a 405 that takes no slot: five of them leave no open stream and no poller within a second', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${server.url}/api/v1/events`, { method: 'HEAD', headers: { cookie: m.session.cookieHeader } });
      expect([res.status, res.headers.get('allow')]).toEqual([405, 'GET']);
    }
    await new Promise((res) => setTimeout(res, 1_000));
    const { sse } = await admin.json('/api/admin/metrics');
    expect([sse.activeConnections, sse.activePollers]).toEqual([0, 0]);
  });

  it('believes no client-sent address: without scripts/server.ts in front and without TRUSTED_PROXIES the audit says unknown', async () => {
    const value = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    const res = await fetch(`${server.url}/api/v1/lists`, {
      method: 'POST',
      headers: { cookie: m.session.cookieHeader, origin: server.url, 'content-type': 'application/json', 'x-forwarded-for': '6.6.6.6', 'x-orylo-client-ip': '7.7.7.7' },
      body: JSON.stringify({ type: 'ip', value, action: 'block' }),
    });
    expect(res.status).toBe(201);
    const { entries } = await m.session.json('/api/v1/audit?action=list');
    expect(entries.find((e: { after?: { value?: string } }) => e.after?.value === value)?.ip).toBe('unknown');
  });
});
