import fs from 'node:fs';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseSendQueues } from '@/lib/net/tcp-send-queue';
import type { OryloSession } from '@/scripts/lib/http-client';
import { adminSession, newMerchant, ownerSql, type Merchant } from '../helpers/env';
import { startExtraServer } from '../helpers/server';

// A client that stops reading, or reads through a tiny receive window, is
// disconnected once what waits for it passes REALTIME_MAX_QUEUE_BYTES,
// counting the kernel's send queue (where such a client's bytes pile up
// first, up to 4 MB, unseen by Node), instead of growing the server.

const LIMIT = 256 * 1024;
const owner = ownerSql();
let server: Awaited<ReturnType<typeof startExtraServer>>;
let admin: OryloSession;
/** Destroyed after each test even when it fails, so a stream left open does not skew the next one's counts. */
const sockets: net.Socket[] = [];

beforeAll(async () => {
  server = await startExtraServer({ REALTIME_MAX_QUEUE_BYTES: String(LIMIT), REALTIME_POLL_INTERVAL_MS: '500' });
  admin = await adminSession();
}, 60_000);
afterEach(() => sockets.splice(0).forEach((s) => s.destroy()));
afterAll(async () => {
  await server.stop();
  await owner.end();
});

const metrics = async () => (await (await fetch(`${server.url}/api/admin/metrics`, { headers: { cookie: admin.cookieHeader } })).json()).sse;

/** A raw stream connection that reads the response headers, then nothing more. */
async function stuckReader(m: Merchant) {
  const { port } = new URL(server.url);
  const socket = net.connect(Number(port), '127.0.0.1');
  sockets.push(socket);
  const state = { closed: false };
  socket.on('close', () => (state.closed = true));
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(`GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${m.session.cookieHeader}\r\nAccept: text/event-stream\r\n\r\n`);
  await new Promise<void>((resolve) => socket.once('data', () => resolve()));
  socket.pause();
  return { socket, state, key: `127.0.0.1:${port}>127.0.0.1:${socket.localPort}` };
}

/** `rows` detections of about 600 bytes each for the org, committed at once. */
async function insertRows(m: Merchant, label: string, rows: number) {
  await owner`insert into detections (organization_id, external_id, amount, currency, email, score, risk_level, decision, reasons)
              select ${m.orgId}, ${label} || '-' || g, 100, 'EUR', repeat('x', 200) || '@example.com', 0, 'low', 'ALLOW', '[]'
              from generate_series(1, ${rows}) g`;
}

describe('backpressure', () => {
  it.runIf(process.platform === 'linux')('cuts a client whose bytes wait in the kernel within one poll of passing the limit', async () => {
    const m = await newMerchant('tiny-window');
    const before = (await metrics()).closedConnections.slow_consumer ?? 0;
    const reader = await stuckReader(m);
    // What the server's kernel holds for this client, as the test sees it from outside.
    const held = () => parseSendQueues(fs.readFileSync('/proc/net/tcp', 'latin1')).get(reader.key) ?? 0;
    const seen: { held: number; open: boolean }[] = [];
    let sse = await metrics();
    for (let batch = 0; batch < 40 && !(sse.closedConnections.slow_consumer > before); batch++) {
      await insertRows(m, `tiny-${batch}`, 100);
      // One poll (500 ms) and the meter's kernel reading (at most 200 ms apart).
      await new Promise((r) => setTimeout(r, 900));
      sse = await metrics();
      seen.push({ held: held(), open: !(sse.closedConnections.slow_consumer > before) });
    }
    expect(sse.closedConnections.slow_consumer).toBe(before + 1);
    expect(sse.activeConnections).toBe(0);
    // Never a poll with the stream still open and more than the limit (plus a batch in flight) held for it…
    expect(seen.filter((s) => s.open && s.held > LIMIT + 100 * 1024)).toEqual([]);
    // …and cut long before the kernel's send buffer (4 MB) would have filled and Node's buffer grown.
    const batches = seen.length;
    expect(batches * 100 * 600).toBeLessThan(2 * 1024 * 1024);
  }, 60_000);

  it('drops a stream whose client stopped reading, and frees it', async () => {
    const m = await newMerchant('slow-reader');
    const before = (await metrics()).closedConnections.slow_consumer ?? 0;
    const reader = await stuckReader(m);
    const deadline = Date.now() + 40_000;
    let batches = 0;
    let sse = await metrics();
    while (!(sse.closedConnections.slow_consumer > before) && Date.now() < deadline && batches < 40) {
      await insertRows(m, `slow-${batches}`, 2000);
      batches++;
      await new Promise((r) => setTimeout(r, 700));
      sse = await metrics();
    }
    expect(sse.closedConnections.slow_consumer).toBe(before + 1);
    expect(sse.activeConnections).toBe(0);
    // The server dropped the connection itself, queue and all: once the client
    // reads again it gets what was in flight, then the close, at once (a
    // stream only ended would leave the socket open, its queue held until the
    // client read it).
    reader.socket.resume();
    const closedBy = Date.now() + 2_000;
    while (!reader.state.closed && Date.now() < closedBy) await new Promise((r) => setTimeout(r, 50));
    expect(reader.state.closed).toBe(true);
  }, 60_000);
});
