import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OryloSession } from '@/scripts/lib/http-client';
import { adminSession, BASE_URL, newMerchant, ownerSql, type Merchant } from '../helpers/env';
import { startExtraServer } from '../helpers/server';

// A client that stops reading is disconnected once its queue passes
// REALTIME_MAX_QUEUE_BYTES, instead of growing the server's memory.

const owner = ownerSql();
let server: Awaited<ReturnType<typeof startExtraServer>>;
let m: Merchant;
let admin: OryloSession;

beforeAll(async () => {
  server = await startExtraServer({ REALTIME_MAX_QUEUE_BYTES: String(256 * 1024), REALTIME_POLL_INTERVAL_MS: '500' });
  m = await newMerchant('slow-reader');
  admin = await adminSession();
}, 60_000);
afterAll(async () => {
  await server.stop();
  await owner.end();
});

describe('backpressure', () => {
  it('drops a stream whose client stopped reading, and frees it', async () => {
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    let closed = false;
    socket.on('close', () => (closed = true));
    socket.on('error', () => {});
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${m.session.cookieHeader}\r\nAccept: text/event-stream\r\n\r\n`);
    // Read the headers, then stop reading for good.
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.pause();

    const metrics = () => fetch(`${server.url}/api/admin/metrics`, { headers: { cookie: admin.cookieHeader } }).then((r) => r.json());
    const deadline = Date.now() + 40_000;
    let batches = 0;
    let sse = (await metrics()).sse;
    while (!(sse.closedConnections.slow_consumer >= 1) && Date.now() < deadline && batches < 40) {
      await owner`insert into detections (organization_id, external_id, amount, currency, email, score, risk_level, decision, reasons)
                  select ${m.orgId}, 'slow-' || ${batches} || '-' || g, 100, 'EUR', repeat('x', 200) || '@example.com', 0, 'low', 'ALLOW', '[]'
                  from generate_series(1, 2000) g`;
      batches++;
      await new Promise((r) => setTimeout(r, 700));
      sse = (await metrics()).sse;
    }
    expect(sse.closedConnections.slow_consumer).toBeGreaterThanOrEqual(1);
    expect(sse.activeConnections).toBe(0);
    // The server dropped the connection itself, queue and all: once the client
    // reads again it gets what was in flight, then the close, at once (a
    // stream only ended would leave the socket open, its queue held until the
    // client read it).
    socket.resume();
    const closedBy = Date.now() + 2_000;
    while (!closed && Date.now() < closedBy) await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(true);
    socket.destroy();
  }, 60_000);
});
