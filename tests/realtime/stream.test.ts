import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OryloSession } from '@/scripts/lib/http-client';
import { adminSession, BASE_URL, newMerchant, postTx, uniq, type Merchant } from '../helpers/env';
import { SseReader } from '../helpers/sse';

// The stream over real HTTP against the running production server.

let m: Merchant;
let admin: OryloSession;
const open: SseReader[] = [];

async function stream(options: Parameters<typeof SseReader.open>[0]) {
  const r = await SseReader.open(options);
  open.push(r);
  return r;
}

beforeAll(async () => {
  m = await newMerchant('stream');
  admin = await adminSession();
});
afterAll(() => open.forEach((r) => r.close()));

describe('GET /api/v1/events', () => {
  it('401 without a session', async () => {
    const r = await stream({});
    expect(r.response.status).toBe(401);
    expect((await r.response.json()).error.code).toBe('unauthorized');
  });

  it('403 for a user without an active organization', async () => {
    const s = new OryloSession(BASE_URL);
    await s.signUp({ email: `${uniq('noorg')}@example.com`, password: 'correct-horse-battery', name: 'No Org' });
    const r = await stream({ cookie: s.cookieHeader });
    expect(r.response.status).toBe(403);
    expect((await r.response.json()).error.message).toMatch(/organization/);
  });

  it('400 for a malformed cursor, in the header or the query', async () => {
    for (const opts of [{ lastEventId: 'garbage' }, { query: '?lastEventId=12;drop' }]) {
      const r = await stream({ cookie: m.session.cookieHeader, ...opts });
      expect(r.response.status).toBe(400);
      const body = await r.response.json();
      expect(body.error.code).toBe('validation_error');
      expect(body.error.field).toBe('lastEventId');
    }
  });

  it('streams with the right headers: connected first, then heartbeats', async () => {
    const r = await stream({ cookie: m.session.cookieHeader });
    expect(r.response.status).toBe(200);
    expect(r.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(r.response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(r.response.headers.get('x-accel-buffering')).toBe('no');
    expect(r.response.headers.get('content-encoding') ?? 'identity').toBe('identity');
    await r.waitFor(() => r.ofType('heartbeat').length >= 1, 5_000, 'a heartbeat');
    expect(r.messages[0].data.type).toBe('connected');
    expect(Date.parse(r.messages[0].data.timestamp)).not.toBeNaN();
    expect(r.messages[0].data.orgId).toBe(m.orgId);
    expect(r.ofType('heartbeat')[0].data).toEqual({ type: 'heartbeat', timestamp: expect.any(String) });
  });

  it('delivers a detection ingested through the API, with an id: cursor', async () => {
    const r = await stream({ cookie: m.session.cookieHeader });
    await r.waitFor(() => r.messages.length > 0, 5_000, 'connected');
    const sentAt = Date.now();
    const d = await postTx(m, { amount: 123 });
    await r.waitFor(() => r.detections().some((x) => x.id === d.id), 5_000, 'the detection');
    const latency = Date.now() - sentAt;
    const event = r.ofType('new_detections').at(-1)!;
    expect(event.id).toMatch(/^\d+-\d+$/);
    expect(event.data.data.at(-1)).toEqual(d);
    expect(event.data.timestamp).toEqual(expect.any(String));
    // Nudged after commit: well under the 1 s poll interval the test server uses.
    expect(latency).toBeLessThan(1_000);
  });

  it('resumes from Last-Event-ID with no gap and no duplicate', async () => {
    const r1 = await stream({ cookie: m.session.cookieHeader });
    await r1.waitFor(() => r1.messages.length > 0, 5_000, 'connected');
    const first = await postTx(m, {});
    await r1.waitFor(() => r1.detections().some((x) => x.id === first.id), 5_000, 'first');
    const cursor = r1.lastId()!;
    r1.close();
    const missed = [await postTx(m, {}), await postTx(m, {})];
    const r2 = await stream({ cookie: m.session.cookieHeader, lastEventId: cursor });
    await r2.waitFor(() => r2.detections().length >= 2, 5_000, 'the missed detections');
    expect(r2.detections().map((x) => x.id)).toEqual(missed.map((x) => x.id));
    const r3 = await stream({ cookie: m.session.cookieHeader, query: `?lastEventId=${encodeURIComponent(cursor)}` });
    await r3.waitFor(() => r3.detections().length >= 2, 5_000, 'the missed detections (query)');
    expect(r3.detections().map((x) => x.id)).toEqual(missed.map((x) => x.id));
  });

  it('answers a cursor this database can never serve with `reset` and ends the stream', async () => {
    // A transaction id far beyond this database's: the cursor of a database that was recreated.
    const r = await stream({ cookie: m.session.cookieHeader, lastEventId: '999999999999-1' });
    expect(r.response.status).toBe(200);
    await r.waitFor(() => r.closed, 5_000, 'the stream to end');
    expect(r.messages.map((x) => x.data.type)).toEqual(['reset']);
  });

  it('resumes from a list cursor ahead of the shared poller without a reset', async () => {
    // The org's poller sits at its last row; the list's cursor is the database's horizon, further on.
    const r1 = await stream({ cookie: m.session.cookieHeader });
    await r1.waitFor(() => r1.messages.length > 0, 5_000, 'connected');
    const other = await newMerchant('stream-other');
    for (let i = 0; i < 3; i++) await postTx(other, {});
    const list = await m.session.fetch('/api/v1/detections?limit=1');
    const { streamCursor } = (await list.json()) as { streamCursor: string };
    const r2 = await stream({ cookie: m.session.cookieHeader, lastEventId: streamCursor });
    await r2.waitFor(() => r2.messages.length > 0, 5_000, 'the first event');
    expect(r2.messages[0].data.type).toBe('connected');
    const next = await postTx(m, {});
    await r2.waitFor(() => r2.detections().some((x) => x.id === next.id), 5_000, 'the next detection');
  });

  it('frees the server-side poller when the client disconnects', async () => {
    const metrics = async () => (await admin.json('/api/admin/metrics')).sse;
    const fresh = await newMerchant('stream-free');
    const before = await metrics();
    const readers = await Promise.all(Array.from({ length: 5 }, () => stream({ cookie: fresh.session.cookieHeader })));
    await Promise.all(readers.map((r) => r.waitFor(() => r.messages.length > 0, 5_000, 'connected')));
    const during = await metrics();
    expect(during.activeConnections).toBe(before.activeConnections + 5);
    // Five viewers of one organization share one poller.
    expect(during.activePollers).toBe(before.activePollers + 1);
    expect(during.totalConnectionsToday).toBeGreaterThanOrEqual(before.totalConnectionsToday + 5);
    readers.forEach((r) => r.close());
    const deadline = Date.now() + 5_000;
    let after = await metrics();
    while ((after.activeConnections !== before.activeConnections || after.activePollers !== before.activePollers) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      after = await metrics();
    }
    expect(after.activeConnections).toBe(before.activeConnections);
    expect(after.activePollers).toBe(before.activePollers);
    expect(after.avgConnectionDuration).toBeGreaterThan(0);
    expect((after.closedConnections.client_disconnected ?? 0) + (after.closedConnections.client_cancelled ?? 0)).toBeGreaterThanOrEqual(5);
  });

  it('admin metrics: 401 without a session, 403 for a non-admin', async () => {
    expect((await fetch(`${BASE_URL}/api/admin/metrics`)).status).toBe(401);
    const res = await m.session.fetch('/api/admin/metrics');
    expect(res.status).toBe(403);
  });
});
