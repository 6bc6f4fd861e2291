import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, newMerchant, transaction, type Merchant } from '../helpers/env';
import { startExtraServer } from '../helpers/server';
import { SseReader } from '../helpers/sse';

// Two more production servers on other ports sharing PostgreSQL and Redis,
// polling only every 5 s: a nudge through Redis must beat the poll by far.
// The main test server has no Redis and polls every second: it only gets a
// detection ingested elsewhere on its next tick.

const SLOW_INTERVAL_MS = 5_000;
let one: Awaited<ReturnType<typeof startExtraServer>>;
let two: Awaited<ReturnType<typeof startExtraServer>>;
let m: Merchant;
const readers: SseReader[] = [];

beforeAll(async () => {
  const env = {
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REALTIME_POLL_INTERVAL_MS: String(SLOW_INTERVAL_MS),
    REALTIME_MAX_STREAMS_PER_USER: '3',
    // Server one also ends its streams after 2 s, to prove lifetimes lose nothing.
  };
  [one, two] = await Promise.all([startExtraServer({ ...env, REALTIME_MAX_STREAM_MS: '2000' }), startExtraServer(env)]);
  m = await newMerchant('multi');
}, 90_000);

afterAll(async () => {
  readers.forEach((r) => r.close());
  await Promise.all([one?.stop(), two?.stop()]);
});

async function ingestOn(baseUrl: string) {
  const res = await fetch(`${baseUrl}/api/v1/transactions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(transaction()),
  });
  expect(res.status).toBe(201);
  return { detection: (await res.json()).detection, committedAt: Date.now() };
}

describe('several instances', () => {
  it('a detection ingested on one instance reaches a stream on another well under one poll interval (Redis nudge)', async () => {
    const onTwo = await SseReader.open({ cookie: m.session.cookieHeader, baseUrl: two.url });
    readers.push(onTwo);
    await onTwo.waitFor(() => onTwo.messages.length > 0, 5_000, 'connected');
    await new Promise((r) => setTimeout(r, 300)); // let server two's Redis subscription settle
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { detection, committedAt } = await ingestOn(one.url);
      await onTwo.waitFor(() => onTwo.detections().some((d) => d.id === detection.id), SLOW_INTERVAL_MS, 'the detection on server two');
      latencies.push(Date.now() - committedAt);
    }
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  });

  it('without Redis on the receiving side it still arrives, within one poll interval', async () => {
    const onMain = await SseReader.open({ cookie: m.session.cookieHeader });
    readers.push(onMain);
    await onMain.waitFor(() => onMain.messages.length > 0, 5_000, 'connected');
    const { detection, committedAt } = await ingestOn(one.url);
    await onMain.waitFor(() => onMain.detections().some((d) => d.id === detection.id), 3_000, 'the detection on the main server');
    expect(Date.now() - committedAt).toBeLessThan(1_000 + 500);
    expect(BASE_URL).not.toBe(one.url);
  });

  it('REALTIME_MAX_STREAM_MS ends streams cleanly and the client resumes with no loss', async () => {
    const received: string[] = [];
    const sent: string[] = [];
    let reconnects = 0;
    let reader = await SseReader.open({ cookie: m.session.cookieHeader, baseUrl: one.url });
    // As EventSource does: when the server ends the stream, reconnect with the last id seen.
    const keepOpen = async () => {
      if (!reader.closed) return;
      received.push(...reader.detections().map((d) => d.id));
      reader = await SseReader.open({ cookie: m.session.cookieHeader, baseUrl: one.url, lastEventId: reader.lastId() });
      reconnects++;
    };
    await reader.waitFor(() => reader.messages.length > 0, 5_000, 'connected');
    const stopSending = Date.now() + 6_000;
    while (Date.now() < stopSending) {
      sent.push((await ingestOn(one.url)).detection.id);
      await new Promise((r) => setTimeout(r, 200));
      await keepOpen();
    }
    const all = () => [...received, ...reader.detections().map((d) => d.id)];
    const deadline = Date.now() + 10_000;
    while (all().length < sent.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      await keepOpen();
    }
    readers.push(reader);
    expect(reconnects).toBeGreaterThanOrEqual(2);
    expect(all()).toEqual(sent);
  });

  it('the per-user stream cap holds across instances (Redis)', async () => {
    const u = await newMerchant('multi-cap');
    const openOn = async (url: string) => {
      const r = await SseReader.open({ cookie: u.session.cookieHeader, baseUrl: url });
      readers.push(r);
      return r;
    };
    const first = await openOn(one.url);
    const statuses = [first.response.status, (await openOn(two.url)).response.status, (await openOn(one.url)).response.status];
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await openOn(two.url);
    expect(refused.response.status).toBe(429);
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
    first.close();
    const deadline = Date.now() + 3_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      const again = await openOn(two.url);
      status = again.response.status;
    }
    expect(status).toBe(200);
  });
});
