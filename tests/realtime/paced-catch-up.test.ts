import fs from 'node:fs';
import http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseSendQueues } from '@/lib/net/tcp-send-queue';
import type { OryloSession } from '@/scripts/lib/http-client';
import { adminSession, newMerchant, ownerSql, type Merchant } from '../helpers/env';
import { startExtraServer } from '../helpers/server';
import { SseReader } from '../helpers/sse';

// A stream resuming from `?lastEventId=0-0` on an org with thousands of rows
// (a replay several times the slow-consumer limit) is caught up at the
// client's pace: the next page is read only once the client has taken most of
// the last one. A client that reads at a normal pace, with pauses, gets every
// row once and in order and is never cut as a slow consumer; one that reads
// fast is not held back.

const LIMIT = 512 * 1024;
const ROWS = 8_000;
const owner = ownerSql();
let server: Awaited<ReturnType<typeof startExtraServer>>;
let admin: OryloSession;
const cleanup: (() => void)[] = [];

beforeAll(async () => {
  server = await startExtraServer({ REALTIME_MAX_QUEUE_BYTES: String(LIMIT), REALTIME_POLL_INTERVAL_MS: '500' });
  admin = await adminSession();
}, 60_000);
afterEach(() => cleanup.splice(0).forEach((f) => f()));
afterAll(async () => {
  await server.stop();
  await owner.end();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sse = async () => (await (await fetch(`${server.url}/api/admin/metrics`, { headers: { cookie: admin.cookieHeader } })).json()).sse;

/** `rows` detections of about 500 bytes of JSON each, committed at once. */
async function insertRows(m: Merchant, label: string, rows: number) {
  await owner`insert into detections (organization_id, external_id, amount, currency, email, ip, score, risk_level, decision, reasons)
              select ${m.orgId}, ${label} || '-' || g, 100 + g, 'EUR', 'shopper' || g || '@example.com', '198.51.100.7', 12, 'low', 'ALLOW',
                     '[{"code":"velocity_ip","message":"3 attempts from this IP in the last hour"}]'
              from generate_series(1, ${rows}) g`;
}

const expectedIds = async (m: Merchant) => (await owner`select id from detections where organization_id = ${m.orgId} order by tx_id, seq`).map((r) => r.id as string);

/**
 * GET /api/v1/events?lastEventId=0-0 through node:http, read at the pace
 * `pace(bytesSoFar)` decides (ms to wait before taking the next chunk).
 * Node stops reading the socket while the test does not take chunks, so the
 * server sees a client that reads that slowly.
 */
async function replay(m: Merchant, pace: (bytes: number) => number) {
  const state = { ids: [] as string[], bytes: 0, events: 0, ended: false, firstRowsAt: 0, connectedAt: 0, localPort: 0 };
  const started = Date.now();
  const req = http.get(`${server.url}/api/v1/events?lastEventId=0-0`, { agent: false, headers: { cookie: m.session.cookieHeader, accept: 'text/event-stream' } });
  cleanup.push(() => req.destroy());
  req.on('error', () => {});
  const res = await new Promise<http.IncomingMessage>((resolve) => req.once('response', resolve));
  expect(res.statusCode).toBe(200);
  state.localPort = req.socket!.localPort!;
  const done = (async () => {
    let buffer = '';
    try {
      for await (const chunk of res) {
        state.bytes += chunk.length;
        buffer += chunk.toString('utf8');
        let end;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const data = buffer.slice(0, end).split('\n').find((l) => l.startsWith('data: '));
          buffer = buffer.slice(end + 2);
          if (!data) continue;
          const event = JSON.parse(data.slice(6));
          state.events++;
          if (event.type === 'connected') state.connectedAt = Date.now() - started;
          if (event.type !== 'new_detections') continue;
          state.firstRowsAt ||= Date.now() - started;
          state.ids.push(...event.data.map((d: { id: string }) => d.id));
        }
        const wait = pace(state.bytes);
        if (wait > 0) await sleep(wait);
      }
    } catch {
      /* destroyed by the test */
    }
    state.ended = true;
  })();
  return { state, done, stop: () => req.destroy() };
}

/** The most bytes the server's kernel held for this client, sampled from outside every 25 ms. */
function watchSendQueue(localPort: number) {
  const key = `127.0.0.1:${new URL(server.url).port}>127.0.0.1:${localPort}`;
  const peak = { bytes: 0 };
  const timer = setInterval(() => {
    const held = parseSendQueues(fs.readFileSync('/proc/net/tcp', 'latin1')).get(key) ?? 0;
    peak.bytes = Math.max(peak.bytes, held);
  }, 25);
  cleanup.push(() => clearInterval(timer));
  return peak;
}

async function until(predicate: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('paced catch-up', () => {
  it.each([
    ['alone on its org', false],
    ['while a live viewer watches the org and rows keep coming', true],
  ])('a client replaying from 0-0 that reads with pauses gets every row once, in order, and is not cut (%s)', async (_, live) => {
    const m = await newMerchant('paced');
    await insertRows(m, 'old', ROWS);
    const before = await sse();
    const viewer = live ? await SseReader.open({ cookie: m.session.cookieHeader, baseUrl: server.url }) : undefined;
    if (viewer) cleanup.push(() => viewer.close());
    let writes = 0;
    const writer = live ? setInterval(() => void insertRows(m, `live-${writes++}`, 20), 300) : undefined;
    cleanup.push(() => clearInterval(writer));

    // Reads nothing for 3 s, then takes about 256 KB at a time with a pause of a second between.
    let nextPauseAt = 256 * 1024;
    const started = Date.now();
    const client = await replay(m, (bytes) => {
      if (Date.now() - started < 3_000) return 3_000 - (Date.now() - started);
      if (bytes < nextPauseAt) return 10;
      nextPauseAt += 256 * 1024;
      return 1_000;
    });
    const peak = process.platform === 'linux' ? watchSendQueue(client.state.localPort) : undefined;
    await until(() => client.state.ids.length >= ROWS || client.state.ended, 90_000, 'the replay');
    clearInterval(writer);
    // The rows written live come after the replay, through the shared feed.
    const expected = await expectedIds(m);
    await until(() => client.state.ids.length >= expected.length || client.state.ended, 20_000, 'the live rows');
    const elapsed = Date.now() - started;
    const after = await sse();
    console.log(`paced replay (${live ? 'with a live viewer' : 'alone'}): ${client.state.ids.length} rows, ${client.state.bytes} bytes in ${elapsed} ms; peak kernel send queue ${peak?.bytes ?? 'n/a'} bytes (limit ${LIMIT})`);

    expect(client.state.ended, 'the server closed the stream').toBe(false);
    expect(client.state.bytes).toBeGreaterThan(4 * LIMIT);
    expect(client.state.ids).toEqual(expected);
    expect(after.closedConnections.slow_consumer ?? 0).toBe(before.closedConnections.slow_consumer ?? 0);
    if (peak) expect(peak.bytes).toBeLessThan(LIMIT);
    if (viewer) expect(viewer.detections().map((d) => d.id)).toEqual(expected.slice(ROWS));
    client.stop();
  }, 150_000);

  it('does not hold back clients that read fast: eight replays at once start at once and finish, and a new stream connects meanwhile', async () => {
    const m = await newMerchant('paced-fast');
    await insertRows(m, 'old', ROWS);
    const expected = await expectedIds(m);
    const started = Date.now();
    const clients = await Promise.all(Array.from({ length: 8 }, () => replay(m, () => 0)));
    const fresh = await SseReader.open({ cookie: m.session.cookieHeader, baseUrl: server.url });
    cleanup.push(() => fresh.close());
    await fresh.waitFor(() => fresh.ofType('connected').length === 1, 2_000, 'connected');
    const freshAt = Date.now() - started;
    await until(() => clients.every((c) => c.state.ids.length >= ROWS || c.state.ended), 60_000, 'the replays');
    const elapsed = Date.now() - started;
    console.log(
      `8 fast replays of ${ROWS} rows: all done in ${elapsed} ms; first rows after ${Math.max(...clients.map((c) => c.state.firstRowsAt))} ms at worst; a new stream connected after ${freshAt} ms`,
    );
    for (const c of clients) {
      expect(c.state.ended).toBe(false);
      expect(c.state.ids).toEqual(expected);
      expect(c.state.connectedAt).toBeLessThan(1_000);
      expect(c.state.firstRowsAt).toBeLessThan(2_000);
      c.stop();
    }
    expect(freshAt).toBeLessThan(2_000);
    expect(fresh.detections()).toEqual([]);
  }, 120_000);
});
