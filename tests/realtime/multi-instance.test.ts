import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busSuiteTitle, recordBus } from '@/scripts/lib/multi-instance-report';
import { BASE_URL, newMerchant, transaction, type Merchant } from '../helpers/env';
import { redisAddress, redisUnreachable, TEST_REDIS_URL } from '../helpers/redis';
import { startExtraServer } from '../helpers/server';
import { SseReader } from '../helpers/sse';
import { freePort } from '../helpers/tcp-proxy';

// Several production servers sharing the test database. The cross-instance
// tests run once per nudge bus: PostgreSQL LISTEN/NOTIFY (the default, so
// everywhere) and Redis pub/sub when a Redis answers (TEST_REDIS_URL or the
// local one); `npm test` prints which ran. The extra servers poll only every
// 5 s, so a detection that reaches another instance well within a second was
// carried there by a nudge.

const SLOW_INTERVAL_MS = 5_000;
const readers: SseReader[] = [];
let m: Merchant;

const redisDown = await redisUnreachable();
const buses = [
  { bus: 'postgres', env: {} as Record<string, string> },
  ...(redisDown ? [] : [{ bus: 'redis', env: { REDIS_URL: TEST_REDIS_URL } }]),
];
recordBus('postgres', { ran: true });
recordBus('redis', redisDown ? { ran: false, reason: `Redis not reachable at ${redisAddress(TEST_REDIS_URL)}: ${redisDown}` } : { ran: true });

beforeAll(async () => {
  m = await newMerchant('multi');
});

afterAll(() => readers.forEach((r) => r.close()));

async function ingestOn(baseUrl: string) {
  const res = await fetch(`${baseUrl}/api/v1/transactions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(transaction()),
  });
  expect(res.status).toBe(201);
  return { detection: (await res.json()).detection, committedAt: Date.now() };
}

async function openStream(baseUrl: string, cookie = m.session.cookieHeader) {
  const reader = await SseReader.open({ cookie, baseUrl });
  readers.push(reader);
  return reader;
}

/** Ingests on `from`, and returns how long after the commit each detection was on `stream`. */
async function latencies(from: string, stream: SseReader, count: number, timeoutMs: number): Promise<number[]> {
  await stream.waitFor(() => stream.messages.length > 0, 5_000, 'connected');
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const { detection, committedAt } = await ingestOn(from);
    await stream.waitFor(() => stream.detections().some((d) => d.id === detection.id), timeoutMs, 'the detection on the other server');
    out.push(Date.now() - committedAt);
  }
  return out;
}

/** The same cross-instance tests, for one bus. */
const busSuite = (bus: string, busEnv: Record<string, string>) => () => {
  let one: Awaited<ReturnType<typeof startExtraServer>>;
  let two: Awaited<ReturnType<typeof startExtraServer>>;

  beforeAll(async () => {
    const env = { ...busEnv, REALTIME_POLL_INTERVAL_MS: String(SLOW_INTERVAL_MS), REALTIME_MAX_STREAMS_PER_USER: '3' };
    // Server one also ends its streams after 2 s, to prove lifetimes lose nothing.
    [one, two] = await Promise.all([startExtraServer({ ...env, REALTIME_MAX_STREAM_MS: '2000' }), startExtraServer(env)]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
  });

  it(`a detection ingested on one instance reaches a stream on another well under one poll interval (${bus} nudge)`, async () => {
    const onTwo = await openStream(two.url);
    // Server two LISTENs / SUBSCRIBEs when its first stream opens: give it a moment.
    await new Promise((r) => setTimeout(r, 300));
    const ms = await latencies(one.url, onTwo, 5, SLOW_INTERVAL_MS);
    recordBus(bus, { latenciesMs: ms });
    expect(Math.max(...ms)).toBeLessThan(1_000);
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

  // The shared stream caps live in Redis: without it each instance counts its own.
  if (bus === 'redis') it('the per-user stream cap holds across instances (Redis)', async () => {
    const u = await newMerchant('multi-cap');
    const first = await openStream(one.url, u.session.cookieHeader);
    const statuses = [first.response.status, (await openStream(two.url, u.session.cookieHeader)).response.status, (await openStream(one.url, u.session.cookieHeader)).response.status];
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await openStream(two.url, u.session.cookieHeader);
    expect(refused.response.status).toBe(429);
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
    first.close();
    const deadline = Date.now() + 3_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await openStream(two.url, u.session.cookieHeader)).response.status;
    }
    expect(status).toBe(200);
  });
};
for (const { bus, env } of buses) describe(busSuiteTitle(bus), busSuite(bus, env));

// A server whose bus cannot deliver anything (its Redis is a closed port):
// nudges to and from it are lost. Its own ingests still reach its own streams
// at once (the in-process nudge does not wait for the failing publish), and
// another instance's ingests reach it on its next poll: the safety net.
describe('an instance whose bus cannot deliver', () => {
  const DEAF_INTERVAL_MS = 3_000;
  let deaf: Awaited<ReturnType<typeof startExtraServer>>;

  beforeAll(async () => {
    deaf = await startExtraServer({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, REALTIME_POLL_INTERVAL_MS: String(DEAF_INTERVAL_MS) });
  }, 60_000);

  afterAll(() => deaf?.stop());

  it('still answers ingests, nudges its own streams, and gets the others\' detections by polling', async () => {
    const stream = await openStream(deaf.url);
    // Polling alone would put all three under 500 ms less than once in 200 runs.
    const own = await latencies(deaf.url, stream, 3, DEAF_INTERVAL_MS);
    expect(Math.max(...own)).toBeLessThan(500);
    const fromMain = await latencies(BASE_URL, stream, 2, DEAF_INTERVAL_MS + 2_000);
    expect(Math.max(...fromMain)).toBeLessThan(DEAF_INTERVAL_MS + 1_000);
  });
});
